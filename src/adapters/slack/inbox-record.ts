import type { IncomingEvent } from "../../conversation/port.js";
import type { Redaction } from "../../core/redact/types.js";
import type { InboxEntry } from "../../store/inbox.js";
import { readThread, threadEvents } from "./history.js";
import { type SlackMessageLike, toIncoming } from "./message-event.js";
import type { SlackRuntime } from "./runtime.js";
import { slackToPlainText } from "./slack-text.js";

/**
 * What the Slack adapter keeps of an event it acks before deciding it: the message with its text
 * as plain text and its secrets taken out (the inbox is storage, and nothing unredacted is
 * stored), and what the handler knew when it acked.
 */
export interface SlackInboxRecord {
  via: "message" | "mention";
  channel: string;
  kind: "message" | "edit";
  botUserId?: string;
  /** Recorded because its thread was ours (or about to be), not for itself: decided only if it is. */
  onlyIfWatched?: boolean;
  message: SlackMessageLike;
  redactions: Redaction[];
}

/** The message with secrets taken out of its text and its files' names, and the secrets found. */
function redacted(
  rt: SlackRuntime,
  message: SlackMessageLike,
  botUserId: string | undefined,
): { message: SlackMessageLike; redactions: Redaction[] } {
  const redactions: Redaction[] = [];
  const clean = (text: string) => {
    const result = rt.conversation.redact(text);
    redactions.push(...result.redactions);
    return String(result.text);
  };
  const text = clean(slackToPlainText(message.text ?? "", botUserId));
  const files = message.files?.map((f) => ({
    ...f,
    ...(f.name ? { name: clean(f.name) } : {}),
    ...(f.title ? { title: clean(f.title) } : {}),
  }));
  const { message: _inner, ...rest } = message;
  return { message: { ...rest, text, ...(files ? { files } : {}) }, redactions };
}

/**
 * Records an event in the inbox and returns: the caller's ack goes out once the row is there, and
 * the decision follows off the ack path. A redelivery of an event decided or recorded already is
 * acked without a second row. Throws when the row could not be written: then Slack is not acked
 * and sends the event again.
 */
export async function recordSlackEvent(
  rt: SlackRuntime,
  eventId: string,
  threadKey: string,
  record: Omit<SlackInboxRecord, "redactions">,
): Promise<void> {
  if (await rt.conversation.knows(eventId)) return;
  const { message, redactions } = redacted(rt, record.message, record.botUserId);
  const payload: SlackInboxRecord = { ...record, message, redactions };
  const added = await rt.conversation.inbox.record({
    id: eventId,
    threadKey,
    payload: JSON.stringify(payload),
    receivedAt: rt.now(),
  });
  if (added) rt.deliveries.kick();
}

/** The recorded message as the engine's event (its text is plain and redacted already). */
function recordedEvent(rt: SlackRuntime, record: SlackInboxRecord): Promise<IncomingEvent> {
  const { channel, kind, botUserId, message, redactions } = record;
  return toIncoming(rt, message, {
    channel,
    kind,
    prepared: { text: message.text ?? "", redactions },
    ...(record.via === "mention" ? { mentionsBot: true } : {}),
    ...(botUserId ? { botUserId } : {}),
  });
}

/** The events to decide for a recorded one: none, it alone, or the thread a mention joins late. */
async function eventsOf(
  rt: SlackRuntime,
  entry: InboxEntry,
  record: SlackInboxRecord,
): Promise<IncomingEvent[]> {
  const { channel, message, botUserId } = record;
  const rootTs = message.thread_ts ?? message.ts;
  const watched = await rt.conversation.watches(entry.threadKey);
  if (record.onlyIfWatched && !watched) return [];
  if (record.via === "mention" && rootTs !== message.ts && !watched) {
    // Called into a thread it was not in: the whole thread, so the engine sees the problem.
    const read = await readThread(rt, channel, rootTs);
    if (read.ok && read.messages.length > 0)
      return threadEvents(rt, channel, rootTs, botUserId, read.messages);
  }
  if (await rt.conversation.knows(entry.id)) return [];
  return [await recordedEvent(rt, record)];
}

/**
 * Decides one recorded event (the inbox pump runs it in the thread's queue) and sends what was
 * committed; the reply is posted before the thread's next event is decided, so that one can edit it.
 */
export async function decideSlackEvent(rt: SlackRuntime, entry: InboxEntry): Promise<void> {
  const record = JSON.parse(entry.payload) as SlackInboxRecord;
  const events = await eventsOf(rt, entry, record);
  if (events.length === 0) return;
  const actions = [];
  for (const event of events) {
    await rt.turns.take();
    actions.push(...(await rt.conversation.receive(event)));
  }
  await rt.performer.inline(actions);
  await rt.deliveries.drain();
}
