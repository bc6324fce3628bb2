import type { Message, ThreadChannel } from "discord.js";
import type { IncomingEvent } from "../../conversation/port.js";
import { type Download, readAttachments } from "./attachments.js";
import { toAuthor } from "./authors.js";
import type { DiscordConfig } from "./config.js";
import { threadKey } from "./thread-key.js";

export interface IncomingContext {
  config: DiscordConfig;
  botId: string;
  download?: Download;
}

/** The bot's own mention is an address, not content: "<@id> here is my error" → "here is my error". */
export function withoutBotMention(text: string, botId: string): string {
  return text.replace(new RegExp(`<@!?${botId}>\\s*`, "g"), "").trim();
}

/** A message (or an edit of one) as the engine's IncomingEvent, attachments read. */
export async function messageToEvent(
  message: Message<true>,
  thread: ThreadChannel,
  kind: "message" | "edit",
  ctx: IncomingContext,
): Promise<IncomingEvent> {
  const editedAt = message.editedTimestamp;
  return {
    platform: "discord",
    threadKey: threadKey(thread.id),
    // A redelivered MESSAGE_CREATE has the same key; each edit gets its own.
    eventId: kind === "edit" && editedAt ? `${message.id}@${editedAt}` : message.id,
    messageId: message.id,
    kind,
    author: toAuthor(message.author, message.member, ctx.config),
    text: withoutBotMention(message.content, ctx.botId),
    attachments: await readAttachments(
      message.attachments.values(),
      ctx.config.maxAttachmentBytes,
      ctx.download,
    ),
    at: new Date(editedAt ?? message.createdTimestamp),
    title: thread.name,
    mentionsBot: message.mentions.users.has(ctx.botId),
    url: thread.url,
    // The key is the thread's own id: its forum or text channel comes along for REPLY_LANGUAGE.
    ...(thread.parentId ? { channelId: thread.parentId } : {}),
  };
}
