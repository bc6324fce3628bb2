import type { Action, IncomingCommand, IncomingEvent } from "../../conversation/port.js";
import type { SlackRuntime } from "./runtime.js";

/**
 * Runs `work` in the thread's queue and resolves once its events are committed, not once they are
 * delivered: Bolt answers Slack's HTTP request when the listener resolves, so an event is acked
 * only when it is safe in the store (a crash before that makes Slack send it again), while the
 * delivery goes on in the queue.
 */
function untilCommitted(
  rt: SlackRuntime,
  threadKey: string,
  work: (committed: () => void) => Promise<void>,
  what: Record<string, unknown>,
): Promise<void> {
  let committed: () => void = () => undefined;
  let failed: (error: unknown) => void = () => undefined;
  const stored = new Promise<void>((resolve, reject) => {
    committed = resolve;
    failed = reject;
  });
  rt.queue
    .run(threadKey, async () => {
      try {
        await work(committed);
      } finally {
        // A no-op once `committed` ran; otherwise the event failed before it was stored.
        failed(new Error("the event was not stored"));
      }
    })
    .catch((error) => rt.logger.error({ err: error, ...what }, "handling a Slack event failed"));
  return stored;
}

/**
 * Feeds messages of one thread to the engine and sends what it committed, in the thread's queue so
 * a later message waits for the earlier reply to be posted (and can edit it). Of several replies
 * (a thread's history) the outbox sends only the last. `ensureReply` asks for a triage when the
 * messages produced no reply (all of them already known).
 */
export function feed(
  rt: SlackRuntime,
  threadKey: string,
  build: () => Promise<IncomingEvent[]>,
  ensureReply?: () => Promise<IncomingCommand>,
): Promise<void> {
  return untilCommitted(
    rt,
    threadKey,
    async (committed) => {
      const events = await build();
      const actions: Action[] = [];
      // The engine skips events the store holds already, before analysing anything.
      for (const event of events) actions.push(...(await rt.conversation.receive(event)));
      if (ensureReply && !actions.some((a) => a.type === "reply"))
        actions.push(...(await rt.conversation.command(await ensureReply())));
      committed();
      if (events.length === 0 && !ensureReply) return;
      await rt.performer.inline(actions);
      // In the thread's queue: the next message is decided once this reply has its ts.
      await rt.deliveries.drain();
    },
    { threadKey },
  );
}

/** Runs a thread command (button, shortcut) through the engine and sends what it committed. */
export function runCommand(rt: SlackRuntime, command: IncomingCommand): Promise<void> {
  return untilCommitted(
    rt,
    command.threadKey,
    async (committed) => {
      const actions = await rt.conversation.command(command);
      committed();
      await rt.performer.inline(actions);
      await rt.deliveries.drain();
    },
    { command: command.name },
  );
}
