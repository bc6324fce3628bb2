import { type App, type ReceiverEvent, SocketModeReceiver } from "@slack/bolt";

/**
 * Bolt's Socket Mode receiver with the ack of an Events API envelope held until the listeners
 * have finished, that is until the event is in the store (src/adapters/slack/pipeline.ts): Bolt
 * acks events as they arrive, so a crash right after lost them, and an envelope whose event was
 * not stored is never acked and comes again. The same order as HTTP mode's processBeforeResponse.
 * Commands and interactions keep their listener's ack: Slack does not send those again anyway,
 * and their answer (a modal, an error) must not wait for the work behind it.
 */
export class StoreFirstSocketModeReceiver extends SocketModeReceiver {
  override init(app: App): void {
    super.init(withEventAckAfterProcessing(app));
  }
}

function withEventAckAfterProcessing(app: App): App {
  const processEvent = async (event: ReceiverEvent): Promise<void> => {
    if (event.body.type !== "event_callback") return app.processEvent(event);
    let answer: { body: unknown } | null = null;
    await app.processEvent({
      ...event,
      ack: async (body?: unknown) => {
        answer = { body };
      },
    });
    // A listener that failed before storing rejected processEvent above: no ack, Slack retries.
    const held = answer as { body: unknown } | null;
    if (held) await event.ack(held.body);
  };
  return new Proxy(app, {
    get: (target, property, receiver) =>
      property === "processEvent" ? processEvent : Reflect.get(target, property, receiver),
  });
}
