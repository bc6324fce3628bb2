import type { TriageReport } from "../../core/report.js";
import type { Embed, EmbedField } from "./api-shapes.js";
import { clamp, LIMITS } from "./limits.js";

const DECIDED = 0xe8a33d;
const UNDECIDED = 0x99aab5;

function retryField(report: TriageReport): string {
  if (report.retryable === true && report.retryAfterSeconds !== null)
    return `yes, after ${report.retryAfterSeconds} s`;
  if (report.retryable === true) return "yes, with backoff";
  if (report.retryable === false && report.facts.resetAt)
    return `no, resets ${report.facts.resetAt.replace(".000Z", "Z")}`;
  if (report.retryable === false) return "no";
  return "unknown";
}

/**
 * The verdict at a glance, beside the prose reply: the fields staff and users scan for (class,
 * provider, model, wait, confidence, what is still missing). The reply text stays the full story.
 */
export function verdictEmbed(report: TriageReport): Embed {
  const decided = report.errorClass !== "unknown";
  const lead = report.hypotheses[0];
  const fields: EmbedField[] = [
    { name: "Class", value: clamp(`\`${report.errorClass}\``, LIMITS.fieldValue), inline: true },
    { name: "Provider", value: clamp(report.provider, LIMITS.fieldValue), inline: true },
    { name: "Model", value: clamp(report.model ?? "unknown", LIMITS.fieldValue), inline: true },
    { name: "Retry", value: retryField(report), inline: true },
    { name: "Confidence", value: report.confidence.toFixed(2), inline: true },
  ];
  // Read against an incident: the thread's own evidence is named beside it.
  if (report.incident)
    fields.push({
      name: "Evidence alone",
      value: clamp(`\`${report.underlyingClass ?? "unknown"}\``, LIMITS.fieldValue),
      inline: true,
    });
  if (report.missing.length > 0)
    fields.push({
      name: "Still needed",
      value: clamp(report.missing.map((m) => m.label).join(" · "), LIMITS.fieldValue),
    });
  const embed: Embed = {
    title: clamp(
      report.incident
        ? `Incident: ${report.incident.explanation}`
        : decided
          ? `Diagnosis: ${lead?.title ?? report.errorClass}`
          : "Not decided yet",
      LIMITS.embedTitle,
    ),
    color: decided ? DECIDED : UNDECIDED,
    fields,
  };
  if (report.redactions.length > 0) {
    const n = report.redactions.length;
    embed.footer = { text: `${n} secret${n === 1 ? "" : "s"} removed from what I read` };
  }
  return embed;
}
