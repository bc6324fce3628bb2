import Mustache from "mustache";
import type { Analysis } from "../../core/analyze.js";
import { hasChanges, type VerdictChanges } from "../../core/changes.js";
import { clockUtc, humanizeSeconds } from "../../core/durations.js";
import { mitigationVars } from "../../core/mitigations.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import { localizeAnalysis, phraseTranslator } from "../localize.js";
import { classWords, promptFor, say } from "../words.js";
import { renderRetryCostLine } from "./retry-cost-line.js";

/** Things to do now in a reply: two a reader will do beat five they will skim; the JSON report keeps them all. */
const MAX_MITIGATIONS = 2;
const MAX_OPEN = 3;
const MAX_RULED_OUT = 3;
const MAX_KNOWN_ISSUES = 2;
/** A rival below this is noise, not a candidate worth naming. */
const MIN_RIVAL = 0.15;

export interface ReplyContext {
  kb: Knowledge;
  now: Date;
  /** What the last message changed, for follow-up replies. */
  changes?: VerdictChanges | null;
  /** Markdown notice about removed secrets. */
  redactionNotice?: string | null;
  /**
   * A reply after the bot's own in the same thread: it says what changed and what is still
   * needed, not again everything it read and ruled out.
   */
  followUp?: boolean;
  /** The reply's language (render/words.ts replyLanguage); English when not given. */
  language?: string;
}

/** The incident the verdict was read against, and what the thread's own evidence said. */
function incidentLines(analysis: Analysis, kb: Knowledge, lang: string): string | null {
  const incident = analysis.incident;
  if (!incident) return null;
  const since = incident.since ? incident.since.slice(0, 16).replace("T", " ") : "?";
  const opening =
    incident.source === "community"
      ? say(kb, lang, "incidentCommunity", { explanation: incident.explanation, since })
      : say(kb, lang, "incidentStatusPage", { explanation: incident.explanation });
  const underlying = analysis.verdict.underlyingClass ?? "unknown";
  const evidence = classWords(kb, lang, underlying)?.title ?? underlying;
  const link = incident.url ? ` (${incident.url})` : "";
  return `${opening}${link}\n${say(kb, lang, "incidentEvidence", { evidence })}`;
}

function waitLine(analysis: Analysis, now: Date, kb: Knowledge, lang: string): string | null {
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
function notedFacts(analysis: Analysis, kb: Knowledge, lang: string): string[] {
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

function knownIssuesView(analysis: Analysis, kb: Knowledge, lang: string) {
  return analysis.verdict.knownIssues.slice(0, MAX_KNOWN_ISSUES).map(({ issue, versionMatch }) => ({
    title: issue.title,
    url: issue.url,
    note: `${issue.says}${issue.workaround ? ` ${say(kb, lang, "workaround")}: ${issue.workaround}` : ""} (${say(kb, lang, `version_${versionMatch}`)}${issue.affected.fixedIn ? `; ${say(kb, lang, "fixedIn", { version: issue.affected.fixedIn })}` : ""})`,
  }));
}

/** The Markdown reply the bot posts in the thread. */
export function renderReply(original: Analysis, ctx: ReplyContext): string {
  const { kb } = ctx;
  const lang = ctx.language ?? "en";
  const analysis = localizeAnalysis(original, kb, lang);
  const tr = phraseTranslator(kb, lang, mitigationVars(original.facts, original.verdict, kb));
  const { verdict, facts } = analysis;
  const decided = verdict.tier === "decided";
  const leading = verdict.tier === "leading";
  const classInfo = classWords(kb, lang, verdict.errorClass);
  const signature = kb.signatures.find((s) => s.id === verdict.leading?.signatureId);
  const open =
    decided || leading
      ? []
      : verdict.hypotheses.filter((h) => h.likelihood >= 0.1).slice(0, MAX_OPEN);
  const lead = decided || leading ? verdict.hypotheses[0] : open[0];
  const rival = verdict.rival;
  const rewritten = facts.rewrittenErrors[0];
  const full = !ctx.followUp;
  const view = {
    redactionNotice: ctx.redactionNotice ?? null,
    decided,
    leading: leading
      ? {
          because: lead?.evidenceFor.slice(0, 2).join("; ") ?? "",
          confirm: lead?.nextExperiment ?? lead?.decide ?? "",
          rival:
            rival && rival.likelihood >= MIN_RIVAL
              ? {
                  title: classWords(kb, lang, rival.errorClass)?.title ?? rival.title,
                  likelihood: rival.likelihood.toFixed(2),
                }
              : null,
        }
      : null,
    // Read against an incident, the evidence's own class is said in the incident's lines.
    underlying:
      verdict.underlyingClass && !analysis.incident
        ? (classWords(kb, lang, verdict.underlyingClass)?.title ?? verdict.underlyingClass)
        : null,
    incident: incidentLines(analysis, kb, lang),
    classTitle: classInfo?.title ?? verdict.errorClass,
    classExplain: classInfo?.explain ?? "",
    // Signature meanings are English data.
    meaning:
      lang === "en" && signature && signature.errorClass === verdict.errorClass
        ? signature.meaning
        : null,
    providerName: kb.providers.find((p) => p.id === verdict.provider)?.name ?? null,
    model: verdict.model,
    confidence: verdict.confidence.toFixed(2),
    rewritten:
      !decided && !leading && rewritten && facts.rawErrors.length === 0 ? rewritten.text : null,
    toolName: kb.tools.find((t) => t.id === rewritten?.tool)?.name ?? say(kb, lang, "theTool"),
    wait: waitLine(analysis, ctx.now, kb, lang),
    hasChanges: ctx.changes ? hasChanges(ctx.changes) : false,
    changes: ctx.changes
      ? {
          ...ctx.changes,
          hasNoLongerNeeded: ctx.changes.noLongerNeeded.length > 0,
          noLongerNeededText: ctx.changes.noLongerNeeded
            .map((l) => l.charAt(0).toLowerCase() + l.slice(1))
            .join(", "),
          ruledOut: ctx.changes.ruledOut.map((r) => ({
            title: tr(r.title),
            because: tr(r.because),
          })),
          nowClass: ctx.changes.nowClass
            ? (classWords(kb, lang, ctx.changes.nowClass)?.title ?? ctx.changes.nowClass)
            : null,
        }
      : null,
    noted: full ? notedFacts(analysis, kb, lang).join(" · ") : "",
    ruledOut: full ? verdict.ruledOut.slice(0, MAX_RULED_OUT) : [],
    hasRuledOut: full && verdict.ruledOut.length > 0,
    open: open.map((h) => `${h.title} (${h.likelihood.toFixed(2)})`).join("; "),
    findings: full
      ? verdict.findings.map((f) => ({ title: f.title, evidence: f.evidenceFor.join("; ") }))
      : [],
    hasFindings: full && verdict.findings.length > 0,
    knownIssues: full ? knownIssuesView(analysis, kb, lang) : [],
    hasKnownIssues: full && analysis.verdict.knownIssues.length > 0,
    // Past three asks, the labels and commands speak for themselves: the reasons would double the
    // reply. A question that only fits the fix to a named verdict goes without its reason too.
    missing: analysis.missing.map((m, i) => ({
      ...m,
      n: i + 1,
      why: analysis.missing.length <= 3 && m.blocking ? m.why : null,
    })),
    hasMissing: analysis.missing.length > 0,
    nextExperiment: analysis.missing.length === 0 ? (lead?.nextExperiment ?? null) : null,
    mitigations: analysis.mitigations.slice(0, MAX_MITIGATIONS).map((m, i) => ({ ...m, n: i + 1 })),
    hasMitigations: analysis.mitigations.length > 0,
    unreadable: facts.unreadable.map(
      (u) => `${u.source.attachment ?? `message ${u.source.message + 1}`}: ${u.reason}`,
    ),
    hasUnreadable: facts.unreadable.length > 0,
    // An incident is the provider's: the maintainers hear of it through the incident's tracker.
    offerIssue:
      (verdict.errorClass === "provider_incident" && !analysis.incident) ||
      verdict.errorClass === "client_bug" ||
      verdict.knownIssues.length > 0,
  };
  const text = Mustache.render(
    promptFor(kb, "reply", lang),
    view,
    { changes: promptFor(kb, "changes", lang) },
    { escape: (v: unknown) => String(v) },
  );
  const cost = analysis.retryCost
    ? renderRetryCostLine(analysis.retryCost, promptFor(kb, "retry-cost", lang))
    : "";
  return `${[text.replace(/\n{3,}/g, "\n\n").trim(), cost].filter(Boolean).join("\n\n")}\n`;
}
