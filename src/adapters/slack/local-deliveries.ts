import type { Deliveries } from "../../inbox/deliveries.js";
import { InboxPump, type InboxPumpOptions } from "../../inbox/pump.js";
import { createDrainer, type DrainerOptions } from "../../outbox/drainer.js";
import { classifySlackFailure } from "./delivery-failure.js";
import { decideSlackEvent } from "./inbox-record.js";
import type { SlackRuntime } from "./runtime.js";

export interface LocalDeliveriesOptions {
  /** Inbox settings (tests make the retry backoff short). */
  inbox?: Pick<InboxPumpOptions, "baseDelayMs" | "maxDelayMs" | "pollMs" | "window">;
  /** Outbox retry settings (tests make them short). */
  drain?: Pick<DrainerOptions, "maxAttempts" | "baseDelayMs" | "maxDelayMs" | "clock">;
}

/**
 * Slack's inbox pump and outbox drainer on the calling thread, in the runtime's thread queue:
 * `npm start` runs them on the engine thread; in-process (ENGINE_THREAD=off, tests) beside Bolt.
 */
export function localSlackDeliveries(
  rt: SlackRuntime,
  options: LocalDeliveriesOptions = {},
): Deliveries {
  const { conversation, logger, performer, queue } = rt;
  const drainer = createDrainer({
    outbox: conversation.outbox,
    prefix: "slack:",
    deliver: (entry) => performer.deliver(entry.action, entry.inDoubt),
    callsPlatform: (action) => performer.callsPlatform(action),
    classify: classifySlackFailure,
    logger,
    ...options.drain,
  });
  // A stop may come while the start still drains (the engine thread's adapter stopping early):
  // the pump is then never started.
  let stopped = false;
  const deliveries: Deliveries = {
    async start() {
      // What an earlier run committed but did not get out (a crash, an outage) goes first,
      if (!stopped) await drainer.drain();
      // then what it acked and did not decide.
      if (!stopped) pump.start();
    },
    kick: () => pump.kick(),
    drain: () => drainer.drain(),
    async idle() {
      await pump.idle();
      await queue.idle();
      await drainer.drain();
    },
    async stop() {
      stopped = true;
      await pump.stop();
      await queue.idle();
      await drainer.stop();
    },
  };
  const pump = new InboxPump({
    inbox: conversation.inbox,
    prefix: "slack:",
    queue,
    decide: (entry) => decideSlackEvent(rt, entry),
    logger,
    ...options.inbox,
  });
  return deliveries;
}
