import type { HandoffCard } from "../../model/handoff-card.js";
import {
  type Block,
  button,
  context,
  LIMITS,
  mrkdwn,
  plain,
  type SlackMessage,
  section,
} from "./block-kit.js";
import { ACTION_IDS } from "./ids.js";
import { fitBlocks, markdownToBlocks } from "./markdown-blocks.js";
import { escapeMrkdwn, link, userRef } from "./mrkdwn.js";

const STATE_LABEL: Record<HandoffCard["state"], string> = {
  new: "new",
  awaiting_user: "awaiting the user",
  diagnosed: "diagnosed",
  handed_off: "handed off",
  solved: "solved",
  closed_stale: "closed (stale)",
};

function fields(card: HandoffCard): Block {
  const { report } = card;
  const model = report.model ? ` · \`${escapeMrkdwn(report.model)}\`` : "";
  return {
    type: "section",
    text: mrkdwn(`*Thread:* ${link(card.url, card.title)}`),
    fields: [
      mrkdwn(`*State*\n${STATE_LABEL[card.state]}`),
      mrkdwn(`*Assignee*\n${card.assignee ? userRef(card.assignee) : "unclaimed"}`),
      mrkdwn(`*Provider / model*\n${escapeMrkdwn(report.provider)}${model}`),
      mrkdwn(`*Class*\n\`${report.errorClass}\` (confidence ${report.confidence.toFixed(2)})`),
    ],
  };
}

const REASON: Record<NonNullable<HandoffCard["reason"]>, string> = {
  requested: "the user asked for a human",
  low_confidence: "the bot is not confident",
  staff_reply: "staff replied in the thread",
  command: "handed off by command",
  claimed: "claimed by staff",
};

/** Who is involved and why it came to staff, from the card's optional details. */
function people(card: HandoffCard): string[] {
  const lines: string[] = [];
  const why = card.reason ? REASON[card.reason] : null;
  const by = card.requestedBy ? ` (${escapeMrkdwn(card.requestedBy)})` : "";
  if (why) lines.push(`Why: ${why}${by}`);
  if (card.reporter) lines.push(`Reporter: ${escapeMrkdwn(card.reporter)}`);
  if (card.affected && card.affected.length > 0)
    lines.push(`Also affected: ${card.affected.map(escapeMrkdwn).join(", ")}`);
  const counts = card.messageCounts;
  if (counts)
    lines.push(
      `Messages: ${counts.reporter} reporter · ${counts.community} community · ${counts.staff} staff`,
    );
  return lines;
}

function asked(card: HandoffCard): string[] {
  const lines: string[] = [];
  if (card.askedAndAnswered.length > 0)
    lines.push(
      `Asked: ${card.askedAndAnswered.map((a) => `${a.answered ? "✅" : "⏳"} ${escapeMrkdwn(a.label ?? a.id)}`).join(" · ")}`,
    );
  if (card.redactionKinds.length > 0)
    lines.push(`Secrets removed: ${card.redactionKinds.map(escapeMrkdwn).join(", ")}`);
  return lines;
}

/**
 * The issue filed for the thread, or the pre-filled form while none is. A link is never cut (a
 * cut link opens a broken form): one too long for a section points to /issue instead.
 */
export function issueLine(card: HandoffCard): string | null {
  const filed = card.issueFiled;
  if (filed) {
    const what = filed.action === "created" ? "filed as" : "evidence added to";
    return `*GitHub issue:* ${what} ${link(filed.url, `#${filed.number}`)}`;
  }
  if (!card.issueUrl || !/^https?:\/\//.test(card.issueUrl)) return null;
  const line = `*GitHub issue:* not filed yet; ${link(card.issueUrl, "open the pre-filled form")} or run /issue`;
  return line.length <= LIMITS.sectionText
    ? line
    : "*GitHub issue:* not filed yet; run /issue for the pre-filled form";
}

/**
 * The card staff see in their channel: what the bot concluded, what it asked, and Claim / Back to
 * bot buttons. Claim disappears once someone has the thread.
 */
export function renderHandoffCard(card: HandoffCard, withButtons = true): SlackMessage {
  const buttons = [
    ...(card.assignee ? [] : [button(ACTION_IDS.claim, "Claim", card.threadKey, "primary")]),
    button(ACTION_IDS.backToBot, "Back to bot", card.threadKey),
  ];
  const extra = [...people(card), ...asked(card)];
  const issue = issueLine(card);
  const blocks: Block[] = [
    { type: "header", text: plain(`Handoff: ${card.title}`) },
    fields(card),
    ...markdownToBlocks(card.summary),
    ...(issue ? [section(issue)] : []),
    ...(extra.length > 0 ? [context(...extra)] : []),
    ...(withButtons
      ? [{ type: "actions" as const, block_id: "triage_card_actions", elements: buttons }]
      : []),
  ];
  return {
    text: `Handoff: ${escapeMrkdwn(card.title)}`,
    blocks: fitBlocks(blocks, LIMITS.blocksPerMessage, "_Card cut to fit Slack._"),
  };
}
