import { z } from "zod";
import type { Attachment, AuthorRole, Thread, ThreadMessage } from "../thread.js";

/** The contract's transcript: `{title?, messages: [{author?, content, attachments?: [{name, content}]}]}`. */
const TranscriptMessage = z.object({
  author: z.string().optional(),
  role: z.enum(["reporter", "community", "staff", "bot"]).optional(),
  content: z.string(),
  attachments: z.array(z.object({ name: z.string(), content: z.string() })).optional(),
  at: z.string().optional(),
});
const Transcript = z.object({ title: z.string().optional(), messages: z.array(TranscriptMessage) });

/** DiscordChatExporter JSON: `{guild, channel, messages: [{content, author: {name, isBot}, attachments: [{fileName, url}]}]}`. */
const DceMessage = z.object({
  id: z.string().optional(),
  timestamp: z.string().optional(),
  content: z.string().default(""),
  author: z
    .object({
      name: z.string().optional(),
      nickname: z.string().optional(),
      isBot: z.boolean().optional(),
    })
    .passthrough(),
  attachments: z
    .array(z.object({ fileName: z.string().optional(), url: z.string().optional() }).passthrough())
    .default([]),
  embeds: z
    .array(
      z.object({ description: z.string().optional(), title: z.string().optional() }).passthrough(),
    )
    .default([]),
});
const DceExport = z.object({
  channel: z
    .object({ name: z.string().optional(), topic: z.string().nullable().optional() })
    .passthrough()
    .optional(),
  messages: z.array(DceMessage),
});

/** Slack export: an array of `{type: "message", user, text, ts, bot_id?, subtype?, files?}`. */
const SlackMessage = z.object({
  type: z.string().optional(),
  subtype: z.string().optional(),
  user: z.string().optional(),
  user_name: z.string().optional(),
  user_profile: z
    .object({ real_name: z.string().optional(), display_name: z.string().optional() })
    .passthrough()
    .optional(),
  bot_id: z.string().optional(),
  text: z.string().default(""),
  ts: z.string().optional(),
  files: z
    .array(z.object({ name: z.string().optional(), preview: z.string().optional() }).passthrough())
    .optional(),
});
const SlackExport = z.array(SlackMessage);

export type InputFormat = "transcript" | "discord-chat-exporter" | "slack-export" | "plain-text";

export interface ParsedInput {
  format: InputFormat;
  thread: Thread;
}

function fromTranscript(t: z.infer<typeof Transcript>): Thread {
  return {
    ...(t.title ? { title: t.title } : {}),
    messages: t.messages.map((m) => ({
      content: m.content,
      ...(m.author ? { author: m.author } : {}),
      ...(m.role ? { role: m.role } : {}),
      ...(m.at ? { at: m.at } : {}),
      ...(m.attachments ? { attachments: m.attachments } : {}),
    })),
  };
}

function fromDce(d: z.infer<typeof DceExport>): Thread {
  const messages: ThreadMessage[] = d.messages.map((m) => {
    const role: AuthorRole | undefined = m.author.isBot ? "bot" : undefined;
    const embedText = m.embeds
      .map((e) => [e.title, e.description].filter(Boolean).join("\n"))
      .filter(Boolean);
    const attachments: Attachment[] = m.attachments.map((a) => ({
      name: a.fileName ?? "attachment",
      content: "",
      note: `attachment ${a.fileName ?? ""} is only linked in the export (${a.url ?? "no url"}); paste its content to include it`,
    }));
    return {
      content: [m.content, ...embedText].join("\n"),
      author: m.author.nickname ?? m.author.name ?? "unknown",
      ...(role ? { role } : {}),
      ...(m.id ? { id: m.id } : {}),
      ...(m.timestamp ? { at: m.timestamp } : {}),
      ...(attachments.length > 0 ? { attachments } : {}),
    };
  });
  return { ...(d.channel?.name ? { title: d.channel.name } : {}), messages };
}

function fromSlack(messages: z.infer<typeof SlackExport>): Thread {
  return {
    messages: messages
      .filter((m) => m.type === undefined || m.type === "message")
      .filter(
        (m) =>
          m.subtype === undefined ||
          m.subtype === "bot_message" ||
          m.subtype === "thread_broadcast" ||
          m.subtype === "file_share",
      )
      .map((m) => {
        const author =
          m.user_profile?.display_name ||
          m.user_profile?.real_name ||
          m.user_name ||
          m.user ||
          "unknown";
        const files = (m.files ?? [])
          .filter((f) => f.preview)
          .map((f) => ({ name: f.name ?? "file", content: f.preview ?? "" }));
        return {
          content: m.text,
          author,
          ...(m.bot_id || m.subtype === "bot_message" ? { role: "bot" as const } : {}),
          ...(m.ts ? { id: m.ts, at: new Date(Number(m.ts) * 1000).toISOString() } : {}),
          ...(files.length > 0 ? { attachments: files } : {}),
        };
      }),
  };
}

function tryJson(text: string): unknown {
  const trimmed = text.trim();
  if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

/**
 * Detects the input's format by content. Anything that is not a whole transcript or export
 * (including malformed or half-pasted JSON) is a plain-text paste: one message, nothing lost.
 */
export function parseThreadInput(text: string): ParsedInput {
  const json = tryJson(text);
  if (json !== undefined) {
    const transcript = Transcript.safeParse(json);
    if (transcript.success)
      return { format: "transcript", thread: fromTranscript(transcript.data) };
    const dce = DceExport.safeParse(json);
    if (dce.success) return { format: "discord-chat-exporter", thread: fromDce(dce.data) };
    const slack = SlackExport.safeParse(json);
    if (slack.success && slack.data.length > 0 && slack.data.some((m) => m.text !== "" || m.ts)) {
      return { format: "slack-export", thread: fromSlack(slack.data) };
    }
  }
  return { format: "plain-text", thread: { messages: [{ content: text, role: "reporter" }] } };
}

/** Several inputs are several pastes in one thread, in order; the first title wins. */
export function joinThreads(threads: readonly Thread[]): Thread {
  const title = threads.find((t) => t.title)?.title;
  return { ...(title ? { title } : {}), messages: threads.flatMap((t) => t.messages) };
}
