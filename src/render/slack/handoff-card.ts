import type { HandoffCard } from "../../model/handoff-card.js";
import { plainDoc } from "../../model/reply-doc.js";
import { type CardWord, cardWord } from "../card-words.js";
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
import { docToRichText } from "./doc-rich-text.js";
import { fitBlocks } from "./fit-blocks.js";
import { ACTION_IDS } from "./ids.js";
import { escapeMrkdwn, link, userRef } from "./mrkdwn.js";

function fields(card: HandoffCard): Block {
  const { report } = card;
  const w = (key: CardWord) => cardWord(card, key);
  const model = report.model ? ` · \`${escapeMrkdwn(report.model)}\`` : "";
  return {
    type: "section",
    text: mrkdwn(`*${w("thread")}:* ${link(card.url, card.title)}`),
    fields: [
      mrkdwn(`*${w("state")}*\n${w(`state_${card.state}`)}`),
      mrkdwn(`*${w("assignee")}*\n${card.assignee ? userRef(card.assignee) : w("unclaimed")}`),
      mrkdwn(`*${w("providerModel")}*\n${escapeMrkdwn(report.provider)}${model}`),
      mrkdwn(
        `*${w("class")}*\n\`${report.errorClass}\` (${w("confidence")} ${report.confidence.toFixed(2)})`,
      ),
    ],
  };
}

/** Who is involved and why it came to staff, from the card's optional details. */
function people(card: HandoffCard): string[] {
  const lines: string[] = [];
  const w = (key: CardWord) => cardWord(card, key);
  const why = card.reason ? w(`reason_${card.reason}`) : null;
  const by = card.requestedBy ? ` (${escapeMrkdwn(card.requestedBy)})` : "";
  if (why) lines.push(`${w("why")}: ${why}${by}`);
  if (card.reporter) lines.push(`${w("reporter")}: ${escapeMrkdwn(card.reporter)}`);
  if (card.affected && card.affected.length > 0)
    lines.push(`${w("alsoAffected")}: ${card.affected.map(escapeMrkdwn).join(", ")}`);
  const counts = card.messageCounts;
  if (counts)
    lines.push(
      `${w("messages")}: ${counts.reporter} ${w("fromReporter")} · ${counts.community} ${w("fromCommunity")} · ${counts.staff} ${w("fromStaff")}`,
    );
  return lines;
}

function asked(card: HandoffCard): string[] {
  const lines: string[] = [];
  if (card.askedAndAnswered.length > 0)
    lines.push(
      `${cardWord(card, "asked")}: ${card.askedAndAnswered.map((a) => `${a.answered ? "✅" : "⏳"} ${escapeMrkdwn(a.label ?? a.id)}`).join(" · ")}`,
    );
  if (card.redactionKinds.length > 0)
    lines.push(
      `${cardWord(card, "secretsRemoved")}: ${card.redactionKinds.map(escapeMrkdwn).join(", ")}`,
    );
  return lines;
}

/**
 * The issue filed for the thread, or the pre-filled form while none is. A link is never cut (a
 * cut link opens a broken form): one too long for a section points to /issue instead.
 */
export function issueLine(card: HandoffCard): string | null {
  const filed = card.issueFiled;
  const w = (key: CardWord) => cardWord(card, key);
  const head = `*${w("githubIssue")}:*`;
  if (filed) {
    const what = w(filed.action === "created" ? "filedAs" : "evidenceAddedTo");
    return `${head} ${what} ${link(filed.url, `#${filed.number}`)}`;
  }
  if (!card.issueUrl || !/^https?:\/\//.test(card.issueUrl)) return null;
  const line = `${head} ${w("notFiledYet")}; ${link(card.issueUrl, w("openForm"))} ${w("orRunIssue")}`;
  return line.length <= LIMITS.sectionText ? line : `${head} ${w("notFiledYet")}; ${w("runIssue")}`;
}

/**
 * The card staff see in their channel: what the bot concluded, what it asked, and Claim / Back to
 * bot buttons. Claim disappears once someone has the thread.
 */
export function renderHandoffCard(card: HandoffCard, withButtons = true): SlackMessage {
  const buttons = [
    ...(card.assignee
      ? []
      : [button(ACTION_IDS.claim, cardWord(card, "claim"), card.threadKey, "primary")]),
    button(ACTION_IDS.backToBot, cardWord(card, "backToBot"), card.threadKey),
  ];
  const extra = [...people(card), ...asked(card)];
  const issue = issueLine(card);
  const blocks: Block[] = [
    { type: "header", text: plain(`${cardWord(card, "handoff")}: ${card.title}`) },
    fields(card),
    // Rich text, so what people typed stays literal; a card stored before cards carried the
    // summary's structure shows its text as written.
    ...docToRichText(card.summaryDoc ?? plainDoc(card.summary)),
    ...(issue ? [section(issue)] : []),
    ...(extra.length > 0 ? [context(...extra)] : []),
    ...(withButtons
      ? [{ type: "actions" as const, block_id: "triage_card_actions", elements: buttons }]
      : []),
  ];
  return {
    text: `${cardWord(card, "handoff")}: ${escapeMrkdwn(card.title)}`,
    blocks: fitBlocks(blocks, LIMITS.blocksPerMessage, `_${cardWord(card, "cardCut")}_`),
  };
}
