import type { Analysis } from "../../core/analyze.js";
import { buildReplyDoc, type ReplyContext } from "../doc/reply-doc.js";
import { docToMarkdown } from "./doc-markdown.js";

export type { ReplyContext } from "../doc/reply-doc.js";

/** The Markdown reply: the console's, the stored report's and GitHub's shape of the reply. */
export function renderReply(analysis: Analysis, ctx: ReplyContext): string {
  return docToMarkdown(buildReplyDoc(analysis, ctx));
}
