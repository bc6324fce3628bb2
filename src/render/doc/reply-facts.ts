import type { Analysis } from "../../core/analyze.js";
import { clockUtc, humanizeSeconds } from "../../core/durations.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import { classWords, say } from "../words.js";

/** What the reply's lines say, worked out from the analysis in the reply's language. */

const MAX_KNOWN_ISSUES = 2;

/** The incident the verdict was read against, and what the thread's own evidence said. */
export function incidentLines(analysis: Analysis, kb: Knowledge, lang: string): string[] {
  const incident = analysis.incident;
  if (!incident) return [];
  const since = incident.since ? incident.since.slice(0, 16).replace("T", " ") : "?";
  const opening =
    incident.source === "community"
      ? say(kb, lang, "incidentCommunity", { explanation: incident.explanation, since })
      : say(kb, lang, "incidentStatusPage", { explanation: incident.explanation });
  const underlying = analysis.verdict.underlyingClass ?? "unknown";
  const evidence = classWords(kb, lang, underlying)?.title ?? underlying;
  const link = incident.url ? ` (${incident.url})` : "";
  return [`${opening}${link}`, say(kb, lang, "incidentEvidence", { evidence })];
}

export function waitLine(
  analysis: Analysis,
  now: Date,
  kb: Knowledge,
  lang: string,
): string | null {
  const { verdict } = analysis;
  if (analysis.incident && verdict.retryable === true && verdict.retryAfterSeconds === null)
    return say(kb, lang, "waitIncident");
  if (verdict.retryable === true && verdict.retryAfterSeconds !== null) {
    const wait = humanizeSeconds(verdict.retryAfterSeconds);
    const said = analysis.waitSaidAt ? new Date(analysis.waitSaidAt) : null;
    // A wait is relative to when it was said: hours later it is long over, not a fresh instruction.
    if (said && !Number.isNaN(said.getTime())) {
      const over = said.getTime() + verdict.retryAfterSeconds * 1000 <= now.getTime();
      const at = `${said.toISOString().slice(11, 16)} UTC`;
      return say(kb, lang, over ? "waitOver" : "waitFrom", { wait, at });
    }
    const fromHeaders = verdict.leading?.retryAfterSeconds === null;
    return say(kb, lang, fromHeaders ? "waitHeaders" : "wait", { wait });
  }
  if (verdict.retryable === false && verdict.resetAt) {
    const seconds = (new Date(verdict.resetAt).getTime() - now.getTime()) / 1000;
    const pacific =
      verdict.leading?.quota?.window === "day" && analysis.facts.provider === "google";
    if (seconds > 0)
      return `${say(kb, lang, "resetsAt", { resetAt: clockUtc(verdict.resetAt, now), in: humanizeSeconds(seconds) })}${pacific ? ` ${say(kb, lang, "geminiPacific")}` : ""}`;
  }
  if (verdict.retryable === false)
    // The cues' reasons are English data: other languages get the plain statement.
    return verdict.retryBecause && lang === "en"
      ? `${verdict.retryBecause.charAt(0).toUpperCase()}${verdict.retryBecause.slice(1)}.`
      : say(kb, lang, "notRetryable");
  return null;
}

/** "tried 6 things: 3 failed, 2 worked, 1 made no difference": the ruled-out list says what they showed. */
function triedLine(
  experiments: Analysis["facts"]["experiments"],
  kb: Knowledge,
  lang: string,
): string {
  const outcome = (o: string) => say(kb, lang, `outcome_${o}`);
  const first = experiments[0];
  if (experiments.length === 1 && first)
    return say(kb, lang, "triedOne", {
      detail: clip(first.detail, 80),
      outcome: outcome(first.outcome),
    });
  const counts = new Map<string, number>();
  for (const e of experiments) counts.set(e.outcome, (counts.get(e.outcome) ?? 0) + 1);
  const parts = [...counts].map(([o, n]) => `${n} ${outcome(o)}`).join(", ");
  return say(kb, lang, "triedMany", { n: experiments.length, parts });
}

/** What the engine read, so the user sees their evidence was understood. */
export function notedFacts(analysis: Analysis, kb: Knowledge, lang: string): string[] {
  const { facts, verdict } = analysis;
  const noted: string[] = [];
  const toolName = kb.tools.find((t) => t.id === facts.tool?.id)?.name;
  if (facts.tool?.version) noted.push(`${toolName ?? facts.tool.id} ${facts.tool.version}`);
  const lead = verdict.leading;
  if (lead) {
    const parts = [
      lead.status ? `HTTP ${lead.status}` : null,
      lead.code,
      lead.quota?.id ?? lead.quota?.metric,
    ].filter(Boolean);
    noted.push(
      `${say(kb, lang, "rawError")}: ${parts.join(" · ")}${parts.length > 0 ? " — " : ""}“${clip(lead.message, 100)}”`,
    );
  }
  if (facts.tier) noted.push(say(kb, lang, "tier", { tier: facts.tier.tier }));
  if (facts.usage?.percentOfLimit !== undefined)
    noted.push(say(kb, lang, "usage", { percent: facts.usage.percentOfLimit }));
  const probe = say(kb, lang, "probe");
  for (const p of facts.probes)
    noted.push(`${probe}: ${p.status}${p.error ? ` (${p.error.slice(0, 100)})` : ""}`);
  for (const s of facts.signals.filter((s) => s.id === "probe_invalid_key"))
    noted.push(`${probe}: “${clip(s.detail, 100)}”`);
  if (facts.experiments.length > 0) noted.push(triedLine(facts.experiments, kb, lang));
  return noted;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function knownIssuesView(analysis: Analysis, kb: Knowledge, lang: string) {
  return analysis.verdict.knownIssues.slice(0, MAX_KNOWN_ISSUES).map(({ issue, versionMatch }) => ({
    title: issue.title,
    url: issue.url,
    note: `${issue.says}${issue.workaround ? ` ${say(kb, lang, "workaround")}: ${issue.workaround}` : ""} (${say(kb, lang, `version_${versionMatch}`)}${issue.affected.fixedIn ? `; ${say(kb, lang, "fixedIn", { version: issue.affected.fixedIn })}` : ""})`,
  }));
}
