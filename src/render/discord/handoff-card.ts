import type { HandoffCard } from "../../model/handoff-card.js";
import { type CardWord, cardWord } from "../card-words.js";
import {
  type ActionRow,
  type Button,
  ButtonStyle,
  ComponentType,
  type Embed,
  type EmbedField,
  type MessagePart,
} from "./api-shapes.js";
import { backToBotId, claimId } from "./custom-ids.js";
import { docText } from "./doc-messages.js";
import { clamp, LIMITS } from "./limits.js";

const OPEN = 0xed4245;
const CLAIMED = 0x57f287;

/** A Discord user id is shown as a mention (embeds never ping); anything else as written. */
function who(assignee: string): string {
  return /^\d{5,20}$/.test(assignee) ? `<@${assignee}>` : assignee;
}

function fields(card: HandoffCard): EmbedField[] {
  const { report } = card;
  const w = (key: CardWord) => cardWord(card, key);
  const out: EmbedField[] = [
    { name: w("state"), value: w(`state_${card.state}`), inline: true },
    {
      name: w("assignee"),
      value: card.assignee ? who(card.assignee) : w("unclaimed"),
      inline: true,
    },
    {
      name: w("verdict"),
      value: clamp(
        `\`${report.errorClass}\` · ${report.provider}${report.model ? ` · \`${report.model}\`` : ""} · ${report.confidence.toFixed(2)}`,
        LIMITS.fieldValue,
      ),
    },
  ];
  if (card.askedAndAnswered.length > 0)
    out.push({
      name: w("asked"),
      value: clamp(
        card.askedAndAnswered.map((q) => `${q.answered ? "✅" : "⏳"} ${q.id}`).join("\n"),
        LIMITS.fieldValue,
      ),
    });
  if (report.mitigations.length > 0)
    out.push({
      name: w("suggested"),
      value: clamp(
        report.mitigations
          .slice(0, 5)
          .map((m) => `• ${m.title}`)
          .join("\n"),
        LIMITS.fieldValue,
      ),
    });
  if (card.redactionKinds.length > 0)
    out.push({
      name: w("secretsRemoved"),
      value: clamp(card.redactionKinds.join(", "), LIMITS.fieldValue),
    });
  const issue = issueLine(card);
  if (issue) out.push({ name: w("githubIssue"), value: issue });
  return out;
}

/** Discord refuses a link button whose URL is longer than this. */
const BUTTON_URL_MAX = 512;

const isWebUrl = (url: string): boolean => /^https?:\/\//.test(url);

/**
 * The issue filed for the thread, or the pre-filled form while none is: a link never cut (a cut
 * link opens a broken form), so a form link too long for a Markdown link is shown bare.
 */
function issueLine(card: HandoffCard): string | null {
  const filed = card.issueFiled;
  const w = (key: CardWord) => cardWord(card, key);
  if (filed) {
    const what = w(filed.action === "created" ? "filedAs" : "evidenceAddedTo");
    return isWebUrl(filed.url)
      ? `${what} [#${filed.number}](${filed.url})`
      : `${what} #${filed.number}`;
  }
  const url = card.issueUrl;
  if (!url || !isWebUrl(url)) return null;
  const linked = `${w("notFiledYet")}; [${w("openForm")}](${url})`;
  if (linked.length <= LIMITS.fieldValue) return linked;
  return url.length <= LIMITS.fieldValue ? url : `${w("notFiledYet")}; ${w("runIssue")}`;
}

function issueButton(card: HandoffCard): Button | null {
  const filed = card.issueFiled;
  const url = filed?.url ?? card.issueUrl;
  if (!url || !isWebUrl(url) || url.length > BUTTON_URL_MAX) return null;
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Link,
    label: filed ? `${cardWord(card, "issue")} #${filed.number}` : cardWord(card, "issueForm"),
    url,
  };
}

function embedLength(embed: Embed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0) +
    (embed.footer?.text.length ?? 0)
  );
}

/**
 * The card staff see in their channel when a thread is handed to humans: what the bot found,
 * what it asked, who has it, and Claim / Back to bot buttons bound to the thread's id.
 */
export function handoffCardMessage(card: HandoffCard, threadId: string): MessagePart {
  const embed: Embed = {
    title: clamp(card.title, LIMITS.embedTitle, cardWord(card, "helpThread")),
    // The summary's structure, its values escaped; a card stored before it had one shows its text.
    description: clamp(
      card.summaryDoc ? docText(card.summaryDoc, true) : card.summary,
      LIMITS.embedDescription,
    ),
    color: card.assignee ? CLAIMED : OPEN,
    fields: fields(card),
  };
  if (card.url) embed.url = card.url;
  // Discord refuses a message whose embeds total more than 6,000 characters: the summary gives way.
  const over = embedLength(embed) - LIMITS.embedTotal;
  if (over > 0 && embed.description)
    embed.description = clamp(embed.description, Math.max(1, embed.description.length - over));
  const buttons: Button[] = [
    {
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      label: cardWord(card, card.assignee ? "claimed" : "claim"),
      custom_id: claimId(threadId),
      disabled: card.assignee !== null,
    },
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: cardWord(card, "backToBot"),
      custom_id: backToBotId(threadId),
    },
  ];
  if (card.url)
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      label: cardWord(card, "openThread"),
      url: card.url,
    });
  const issue = issueButton(card);
  if (issue) buttons.push(issue);
  const row: ActionRow<Button> = { type: ComponentType.ActionRow, components: buttons };
  return {
    content: `${cardWord(card, "handoff")}: ${clamp(card.title, 200, cardWord(card, "helpThread"))}`,
    embeds: [embed],
    components: [row],
  };
}
