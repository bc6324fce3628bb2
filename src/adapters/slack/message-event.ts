import type { IncomingEvent } from "../../conversation/port.js";
import type { Redaction } from "../../core/redact/types.js";
import type { SlackFile } from "./files.js";
import type { SlackRuntime } from "./runtime.js";
import { slackToPlainText, titleOf } from "./slack-text.js";
import { slackThreadKey } from "./thread-key.js";

/** The fields of a Slack message (event, history item) the adapter reads. */
export interface SlackMessageLike {
  type?: string;
  subtype?: string;
  channel?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  parent_user_id?: string;
  files?: SlackFile[];
  edited?: { ts: string; user?: string };
  message?: SlackMessageLike;
}

export interface ToIncomingOptions {
  channel: string;
  kind?: "message" | "edit";
  botUserId?: string;
  mentionsBot?: boolean;
  /** The text as plain text with its secrets taken out already (an inbox record), and those secrets. */
  prepared?: { text: string; redactions: Redaction[] };
}

/**
 * A permalink for a thread's root: handoff cards and issue drafts link back with it. Slack's
 * permalink of a top-level message is the workspace's URL (auth.test, read once at start), the
 * channel and the ts without its dot, so no Web API call per thread is needed; without that URL
 * it is asked for (chat.getPermalink) and cached.
 */
async function permalink(
  rt: SlackRuntime,
  channel: string,
  ts: string,
): Promise<string | undefined> {
  if (rt.workspaceUrl) return `${rt.workspaceUrl}archives/${channel}/p${ts.replace(".", "")}`;
  const key = slackThreadKey(channel, ts);
  const cached = rt.permalinks.get(key);
  if (cached) return cached;
  try {
    const { permalink: url } = await rt.client.chat.getPermalink({ channel, message_ts: ts });
    if (url) {
      if (rt.permalinks.size > 5000) rt.permalinks.clear();
      rt.permalinks.set(key, url);
    }
    return url;
  } catch (error) {
    rt.logger.debug({ err: error, channel }, "chat.getPermalink failed");
    return undefined;
  }
}

/** The event's idempotency key: the message, plus the edit's time for an edit. */
export function slackEventId(
  channel: string,
  message: SlackMessageLike,
  kind: "message" | "edit" = "message",
): string {
  const edited = kind === "edit" && message.edited ? `:edit:${message.edited.ts}` : "";
  return `slack:${channel}:${message.ts}${edited}`;
}

/** A Slack message as the engine's IncomingEvent: author resolved, files read, text unescaped. */
export async function toIncoming(
  rt: SlackRuntime,
  message: SlackMessageLike,
  options: ToIncomingOptions,
): Promise<IncomingEvent> {
  const { channel } = options;
  const kind = options.kind ?? "message";
  const rootTs = message.thread_ts ?? message.ts;
  const isRoot = rootTs === message.ts;
  const [author, attachments, url] = await Promise.all([
    rt.authors.author(message.user ?? "unknown", Boolean(message.bot_id)),
    rt.files.read(message.files ?? []),
    permalink(rt, channel, rootTs),
  ]);
  const text = options.prepared?.text ?? slackToPlainText(message.text ?? "", options.botUserId);
  return {
    platform: "slack",
    threadKey: slackThreadKey(channel, rootTs),
    eventId: slackEventId(channel, message, kind),
    messageId: message.ts,
    kind,
    author,
    text,
    attachments,
    // Slack's ts is the post time in seconds; an edit happened at its `edited.ts`.
    at: new Date(Number(kind === "edit" && message.edited ? message.edited.ts : message.ts) * 1000),
    ...(isRoot ? { title: titleOf(text) } : {}),
    ...(options.mentionsBot ? { mentionsBot: true } : {}),
    ...(url ? { url } : {}),
    ...(options.prepared?.redactions.length ? { redactions: options.prepared.redactions } : {}),
  };
}
