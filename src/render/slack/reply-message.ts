import type { TriageReport } from "../../core/report.js";
import type { ReplyLocal } from "../../model/actions.js";
import type { ReplyDoc } from "../../model/reply-doc.js";
import { type ReplyWord, replyWord } from "../reply-words.js";
import { type Block, button, context, LIMITS, type SlackMessage } from "./block-kit.js";
import { docFallback, docToBlocks } from "./doc-blocks.js";
import { docToRichText } from "./doc-rich-text.js";
import { fitBlocks } from "./fit-blocks.js";
import { ACTION_IDS } from "./ids.js";
import { userRef } from "./mrkdwn.js";

function footer(report: TriageReport, words?: Record<string, string>): Block {
  const w = (key: ReplyWord, view?: object) => replyWord(words, key, view);
  const parts = [
    report.errorClass === "unknown"
      ? w("footerUndecided")
      : `${w("footerClass")} \`${report.errorClass}\``,
    `${w("footerConfidence")} ${report.confidence.toFixed(2)}`,
  ];
  if (report.retryable !== null) parts.push(w(report.retryable ? "retryable" : "notRetryable"));
  if (report.redactions.length > 0)
    parts.push(w("secretsRemoved", { n: report.redactions.length }));
  return context(`ratelimit-triage · ${parts.join(" · ")}`);
}

/** The buttons under each reply; their value is the thread they act on. */
export function replyActions(threadKey: string, words?: Record<string, string>): Block {
  return {
    type: "actions",
    block_id: "triage_reply_actions",
    elements: [
      button(ACTION_IDS.pasteDetails, replyWord(words, "pasteDetails"), threadKey, "primary"),
      button(ACTION_IDS.handoff, replyWord(words, "handOff"), threadKey),
      button(ACTION_IDS.solved, replyWord(words, "markSolved"), threadKey),
      button(ACTION_IDS.issue, replyWord(words, "draftIssue"), threadKey),
    ],
  };
}

/**
 * The bot's threaded reply, built from its structure (verdict, what changed, missing info with
 * its commands as code blocks, mitigations), then a one-line footer and the buttons.
 */
export function renderReplyMessage(
  doc: ReplyDoc,
  report: TriageReport,
  threadKey: string,
  local?: ReplyLocal,
): SlackMessage {
  const words = local?.words;
  const content = fitBlocks(
    docToBlocks(doc),
    LIMITS.blocksPerMessage - 2,
    `_${replyWord(words, "replyCut")}_`,
  );
  return {
    text: docFallback(doc),
    blocks: [...content, footer(report, words), replyActions(threadKey, words)],
  };
}

/**
 * A short message from the bot (claim, nudge, close, ephemeral answers, staff alerts), built from
 * its structure as rich text, where what someone pasted stays literal; `mention` pings a user.
 */
export function renderNotice(doc: ReplyDoc, mention?: string): SlackMessage {
  const blocks = fitBlocks(
    docToRichText(doc, mention),
    LIMITS.blocksPerMessage,
    "_Cut to fit Slack's message limits._",
  );
  const ping = mention ? `${userRef(mention)} ` : "";
  return { text: `${ping}${docFallback(doc)}`, blocks };
}
