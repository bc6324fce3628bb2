import type { Action, IncomingCommand, IncomingEvent } from "../../conversation/port.js";
import type { SlackRuntime } from "./runtime.js";

/**
 * Feeds messages of one thread to the engine and sends what it committed, in the thread's queue so
 * a later message waits for the earlier reply to be posted (and can edit it). Of several replies
 * (a thread's history) the outbox sends only the last. `ensureReply`
 * asks for a triage when the messages produced no reply (all of them already known).
 */
export function feed(
  rt: SlackRuntime,
  threadKey: string,
  build: () => Promise<IncomingEvent[]>,
  ensureReply?: () => Promise<IncomingCommand>,
): Promise<void> {
  return rt.queue
    .run(threadKey, async () => {
      const events = await build();
      if (events.length === 0 && !ensureReply) return;
      const actions: Action[] = [];
      for (const event of events) {
        if (!rt.seen.firstSeen(event.eventId)) continue;
        rt.openThreads.touch(event.threadKey, event.at, {
          ...(event.title ? { title: event.title } : {}),
          ...(event.url ? { url: event.url } : {}),
        });
        actions.push(...(await rt.conversation.receive(event)));
      }
      if (ensureReply && !actions.some((a) => a.type === "reply"))
        actions.push(...(await rt.conversation.command(await ensureReply())));
      await rt.performer.inline(actions);
      // In the thread's queue: the next message is decided once this reply has its ts.
      await rt.drain();
    })
    .catch((error) =>
      rt.logger.error({ err: error, threadKey }, "handling a Slack message failed"),
    );
}

/** Runs a thread command (button, shortcut) through the engine and performs what it returns. */
export function runCommand(rt: SlackRuntime, command: IncomingCommand): Promise<void> {
  return rt.queue
    .run(command.threadKey, async () => {
      if (!rt.seen.firstSeen(command.eventId)) return;
      await rt.performer.inline(await rt.conversation.command(command));
      await rt.drain();
    })
    .catch((error) =>
      rt.logger.error({ err: error, command: command.name }, "handling a Slack command failed"),
    );
}
