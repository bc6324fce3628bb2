import { clockUtc } from "../../core/durations.js";
import type { TriageReport } from "../../core/report.js";
import type { ReplyLocal } from "../../model/actions.js";
import { type ReplyWord, replyWord } from "../reply-words.js";
import type { Embed, EmbedField } from "./api-shapes.js";
import { clamp, LIMITS } from "./limits.js";

const DECIDED = 0xe8a33d;
const UNDECIDED = 0x99aab5;

function retryField(report: TriageReport, now: Date, words?: Record<string, string>): string {
  const w = (key: ReplyWord, view?: object) => replyWord(words, key, view);
  if (report.retryable === true && report.retryAfterSeconds !== null)
    return w("retryAfter", { seconds: report.retryAfterSeconds });
  if (report.retryable === true) return w("retryBackoff");
  if (report.retryable === false && report.facts.resetAt)
    return w("noResets", { at: clockUtc(report.facts.resetAt, now) });
  if (report.retryable === false) return w("no");
  return w("unknown");
}

/**
 * The verdict at a glance, beside the prose reply: the fields staff and users scan for (class,
 * provider, model, wait, confidence, what is still missing). The reply text stays the full story.
 */
export function verdictEmbed(
  report: TriageReport,
  now: Date = new Date(),
  local?: ReplyLocal,
): Embed {
  const decided = report.errorClass !== "unknown";
  const title = local ? local.title : (report.hypotheses[0]?.title ?? null);
  const missing = local ? local.missing : report.missing.map((m) => m.label);
  const w = (key: ReplyWord, view?: object) => replyWord(local?.words, key, view);
  const fields: EmbedField[] = [
    { name: w("class"), value: clamp(`\`${report.errorClass}\``, LIMITS.fieldValue), inline: true },
    { name: w("provider"), value: clamp(report.provider, LIMITS.fieldValue), inline: true },
    {
      name: w("model"),
      value: clamp(report.model ?? w("unknown"), LIMITS.fieldValue),
      inline: true,
    },
    { name: w("retry"), value: retryField(report, now, local?.words), inline: true },
    { name: w("confidence"), value: report.confidence.toFixed(2), inline: true },
  ];
  // Read against an incident: the thread's own evidence is named beside it.
  if (report.incident)
    fields.push({
      name: w("evidenceAlone"),
      value: clamp(`\`${report.underlyingClass ?? "unknown"}\``, LIMITS.fieldValue),
      inline: true,
    });
  if (missing.length > 0)
    fields.push({
      name: w("stillNeeded"),
      value: clamp(missing.join(" · "), LIMITS.fieldValue),
    });
  const embed: Embed = {
    title: clamp(
      report.incident
        ? w("incidentTitle", { explanation: report.incident.explanation })
        : decided
          ? w("diagnosis", { title: title ?? report.errorClass })
          : w("notDecided"),
      LIMITS.embedTitle,
    ),
    color: decided ? DECIDED : UNDECIDED,
    fields,
  };
  if (report.redactions.length > 0) {
    const n = report.redactions.length;
    embed.footer = { text: n === 1 ? w("secretRead") : w("secretsRead", { n }) };
  }
  return embed;
}
