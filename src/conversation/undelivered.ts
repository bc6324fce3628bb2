import { trustedText } from "../core/redact/redact.js";
import type { RedactedText } from "../core/redact/types.js";
import { type ReplyDoc, span } from "../model/reply-doc.js";
import { docToMarkdown } from "../render/markdown/doc-markdown.js";
import type { DeadLetter } from "../store/outbox.js";

/** Enough to see the pattern; the log has every one. */
const SHOWN = 5;

const WHAT: Record<DeadLetter["type"], string> = {
  reply: "reply",
  notice: "notice",
  ephemeral: "private answer",
  state: "status change",
  handoff_card: "handoff card",
  staff_alert: "staff alert",
};

/**
 * The card staff open with /card says which bot messages never reached the thread, so a
 * parked delivery is seen by a person instead of silently missing. The errors are the
 * platform's own words (no user text), so they need no redaction.
 */
export function withUndelivered(card: RedactedText, dead: readonly DeadLetter[]): RedactedText {
  if (dead.length === 0) return card;
  const doc = undeliveredDoc(dead);
  return trustedText(`${card.trimEnd()}\n\n${docToMarkdown(doc)}`);
}

/** The same lines as structure, for the platforms that show the card as their own card. */
export function undeliveredDoc(dead: readonly DeadLetter[]): ReplyDoc {
  if (dead.length === 0) return { sections: [] };
  const lines = dead
    .slice(0, SHOWN)
    .map(
      (d) =>
        `${WHAT[d.type]} from ${d.createdAt.slice(0, 16).replace("T", " ")} UTC, given up after ${d.attempts} tries: ${d.error}`,
    );
  const more = dead.length > SHOWN ? [`and ${dead.length - SHOWN} more (see the bot's log)`] : [];
  return {
    sections: [
      {
        blocks: [
          {
            kind: "lines",
            lines: [[span("Not delivered", "bold"), span(" (parked after repeated failures):")]],
          },
          {
            kind: "list",
            items: [...lines, ...more].map((l) => ({ marker: "-" as const, line: [span(l)] })),
          },
        ],
      },
    ],
  };
}
