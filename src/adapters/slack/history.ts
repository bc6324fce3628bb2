import type { IncomingEvent } from "../../conversation/port.js";
import { type SlackMessageLike, toIncoming } from "./message-event.js";
import type { SlackRuntime } from "./runtime.js";
import { mentions } from "./slack-text.js";

/** One page of replies; a help thread longer than this has its start and the first 200. */
const HISTORY_LIMIT = 200;

export type ThreadRead = { ok: true; messages: SlackMessageLike[] } | { ok: false; error: string };

/** The thread's messages (conversations.replies), or why they cannot be read. */
export async function readThread(
  rt: SlackRuntime,
  channel: string,
  rootTs: string,
): Promise<ThreadRead> {
  try {
    const history = await rt.client.conversations.replies({
      channel,
      ts: rootTs,
      limit: HISTORY_LIMIT,
    });
    return { ok: true, messages: (history.messages ?? []) as unknown as SlackMessageLike[] };
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    rt.logger.warn({ err: error, channel }, "conversations.replies failed");
    return { ok: false, error: code };
  }
}

/**
 * The human messages of a thread the bot joins late (a shortcut, a mention in a reply), oldest
 * first, so the engine sees the problem and not only the message that called the bot.
 */
export async function threadEvents(
  rt: SlackRuntime,
  channel: string,
  rootTs: string,
  botUserId: string | undefined,
  messages: readonly SlackMessageLike[],
): Promise<IncomingEvent[]> {
  const human = messages.filter((m) => m.user && !m.bot_id && m.subtype !== "bot_message");
  const events: IncomingEvent[] = [];
  for (const m of human) {
    const mentionsBot = mentions(m.text ?? "", botUserId);
    events.push(
      await toIncoming(
        rt,
        { ...m, thread_ts: m.thread_ts ?? rootTs },
        { channel, mentionsBot, ...(botUserId ? { botUserId } : {}) },
      ),
    );
  }
  return events;
}

/** The thread's events, or only `fallback`'s when the history cannot be read. */
export async function threadEventsOr(
  rt: SlackRuntime,
  channel: string,
  rootTs: string,
  botUserId: string | undefined,
  fallback: readonly SlackMessageLike[],
): Promise<IncomingEvent[]> {
  const read = await readThread(rt, channel, rootTs);
  const messages = read.ok && read.messages.length > 0 ? read.messages : fallback;
  return threadEvents(rt, channel, rootTs, botUserId, messages);
}
