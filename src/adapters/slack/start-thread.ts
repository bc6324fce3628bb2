import type { IncomingEvent } from "../../conversation/port.js";
import { feed } from "./pipeline.js";
import type { SlackRuntime } from "./runtime.js";
import { titleOf } from "./slack-text.js";
import { slackThreadKey } from "./thread-key.js";

/** Errors that mean the bot cannot post in the channel until someone invites it. */
const NOT_THERE = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

export interface StartThreadInput {
  channel: string;
  userId: string;
  text: string;
  /** Stable id of what started it (trigger_id, view id), so a repeat is recognised. */
  sourceId: string;
  /** How the user is told the bot cannot post there; a DM when absent. */
  tell?: (text: string) => Promise<unknown>;
}

/**
 * `/triage` and its form have no thread to answer in: the bot opens one with a short anchor
 * message naming the user, and the triage goes in its replies.
 */
export async function startThread(rt: SlackRuntime, input: StartThreadInput): Promise<void> {
  let ts: string | undefined;
  try {
    const anchor = await rt.client.chat.postMessage({
      channel: input.channel,
      text: `<@${input.userId}> asked for rate-limit triage. Follow-ups go in this thread.`,
    });
    ts = anchor.ts;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? "";
    rt.logger.warn({ err: error, channel: input.channel }, "cannot open a triage thread");
    const hint = NOT_THERE.has(code)
      ? "I can't post in that channel. Invite me with `/invite @ratelimit-triage`, or use /triage in a channel I'm in."
      : "I couldn't open a thread for this; please try again in a minute.";
    const tell =
      input.tell ?? ((text: string) => rt.client.chat.postMessage({ channel: input.userId, text }));
    await Promise.resolve(tell(hint)).catch(() => undefined);
    return;
  }
  if (!ts) return;
  const threadKey = slackThreadKey(input.channel, ts);
  await feed(rt, threadKey, async () => {
    const event: IncomingEvent = {
      platform: "slack",
      threadKey,
      eventId: `slack:start:${input.sourceId}`,
      messageId: `start:${input.sourceId}`,
      kind: "message",
      author: await rt.authors.author(input.userId),
      text: input.text,
      attachments: [],
      at: rt.now(),
      title: titleOf(input.text),
    };
    return [event];
  });
}
