import { trustedText } from "../core/redact/redact.js";
import type { RedactedText } from "../core/redact/types.js";
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
  const lines = dead
    .slice(0, SHOWN)
    .map(
      (d) =>
        `- ${WHAT[d.type]} from ${d.createdAt.slice(0, 16).replace("T", " ")} UTC, given up after ${d.attempts} tries: ${d.error}`,
    );
  const more = dead.length > SHOWN ? [`- and ${dead.length - SHOWN} more (see the bot's log)`] : [];
  return trustedText(
    `${card.trimEnd()}\n\n**Not delivered** (parked after repeated failures):\n${[...lines, ...more].join("\n")}\n`,
  );
}
