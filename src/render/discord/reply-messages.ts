import type { RedactedText } from "../../core/redact/types.js";
import type { TriageReport } from "../../core/report.js";
import type { ReplyLocal } from "../../model/actions.js";
import type { ReplyDoc } from "../../model/reply-doc.js";
import type { MessagePart } from "./api-shapes.js";
import { docContents } from "./doc-messages.js";
import { splitMarkdown } from "./split-markdown.js";
import { threadButtons } from "./thread-buttons.js";
import { verdictEmbed } from "./verdict-embed.js";

/**
 * The bot's reply as Discord messages, built from its structure and cut between sections into
 * parts of at most 2000 characters: the verdict embed on the first part, the thread buttons on
 * the last (where the reader ends up).
 */
export function replyMessages(
  doc: ReplyDoc,
  report: TriageReport,
  local?: ReplyLocal,
): MessagePart[] {
  const parts = docContents(doc);
  if (parts.length === 0) parts.push("…");
  return parts.map((content, i) => ({
    content,
    embeds: i === 0 ? [verdictEmbed(report, new Date(), local)] : [],
    components: i === parts.length - 1 ? [threadButtons(local?.words)] : [],
  }));
}

/** A plain message (notice, ephemeral answer): split, no embeds, no buttons. */
export function textMessages(text: RedactedText): MessagePart[] {
  return splitMarkdown(text).map((content) => ({ content, embeds: [], components: [] }));
}
