import type { Action, IncomingCommand, IncomingEvent } from "../../conversation/port.js";
import type { SlackRuntime } from "./runtime.js";

/**
 * When several messages are fed at once (a thread's history), only the last reply is posted: the
 * earlier ones were never sent, so the engine's later reply stands for them all.
 */
export function coalesce(actions: readonly Action[]): Action[] {
  const lastReply = actions.findLastIndex((a) => a.type === "reply");
  return actions.filter((a, i) => a.type !== "reply" || i === lastReply);
}

/**
 * Feeds messages of one thread to the engine and performs its actions, in the thread's queue so
 * a later message waits for the earlier reply to be posted (and can edit it). `ensureReply`
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
      await rt.performer.perform(coalesce(actions));
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
      await rt.performer.perform(await rt.conversation.command(command));
    })
    .catch((error) =>
      rt.logger.error({ err: error, command: command.name }, "handling a Slack command failed"),
    );
}
