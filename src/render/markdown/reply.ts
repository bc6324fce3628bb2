import Mustache from "mustache";
import type { Analysis } from "../../core/analyze.js";
import { hasChanges, type VerdictChanges } from "../../core/changes.js";
import { humanizeSeconds } from "../../core/durations.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import { renderRetryCostLine } from "./retry-cost-line.js";

/** Most mitigations a reply lists; the JSON report keeps them all. */
const MAX_MITIGATIONS = 5;
const MAX_OPEN = 3;
/** A rival below this is noise, not a candidate worth naming. */
const MIN_RIVAL = 0.15;

export interface ReplyContext {
  kb: Knowledge;
  now: Date;
  /** What the last message changed, for follow-up replies. */
  changes?: VerdictChanges | null;
  /** Markdown notice about removed secrets. */
  redactionNotice?: string | null;
}

function template(kb: Knowledge, name: string): string {
  const text = kb.prompts[name];
  if (text === undefined) throw new Error(`prompts/${name}.md is missing`);
  return text;
}

function waitLine(analysis: Analysis, now: Date): string | null {
  const { verdict } = analysis;
  if (verdict.retryable === true && verdict.retryAfterSeconds !== null) {
    return `Retry after ${humanizeSeconds(verdict.retryAfterSeconds)} (the provider says so${verdict.leading?.retryAfterSeconds !== null ? "" : ", from the headers"}), not before.`;
  }
  if (verdict.retryable === false && verdict.resetAt) {
    const seconds = (new Date(verdict.resetAt).getTime() - now.getTime()) / 1000;
    if (seconds > 0)
      return `Not retryable now: the window resets at ${verdict.resetAt.replace(".000Z", "Z")} (in ${humanizeSeconds(seconds)}).${verdict.leading?.quota?.window === "day" && analysis.facts.provider === "google" ? " Gemini per-day quotas reset at midnight Pacific; ignore the short retryDelay in the body." : ""}`;
  }
  if (verdict.retryable === false)
    return verdict.retryBecause
      ? `${verdict.retryBecause.charAt(0).toUpperCase()}${verdict.retryBecause.slice(1)}.`
      : "Not retryable: waiting a few seconds will not help.";
  return null;
}

/** What the engine read, so the user sees their evidence was understood. */
function notedFacts(analysis: Analysis, kb: Knowledge): string[] {
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
      `raw error: ${parts.join(" · ")}${parts.length > 0 ? " — " : ""}“${lead.message.slice(0, 160)}”`,
    );
  }
  if (facts.tier) noted.push(`tier: ${facts.tier.tier}`);
  if (facts.usage?.percentOfLimit !== undefined)
    noted.push(`usage reported at ~${facts.usage.percentOfLimit}% of the limit`);
  for (const p of facts.probes)
    noted.push(`probe: ${p.status}${p.error ? ` (${p.error.slice(0, 100)})` : ""}`);
  for (const s of facts.signals.filter((s) => s.id === "probe_invalid_key"))
    noted.push(`probe: “${s.detail.slice(0, 240)}”`);
  for (const e of facts.experiments)
    noted.push(`tried: ${e.detail.slice(0, 120)} → ${e.outcome.replace("_", " ")}`);
  return noted;
}

const VERSION_NOTE = {
  affected: "affects your version",
  fixed: "fixed in your version: it does not explain this",
  unknown: "no fixed release known",
} as const;

function knownIssuesView(analysis: Analysis) {
  return analysis.verdict.knownIssues.slice(0, 3).map(({ issue, versionMatch }) => ({
    title: issue.title,
    url: issue.url,
    note: `${issue.says}${issue.workaround ? ` Workaround: ${issue.workaround}` : ""} (${VERSION_NOTE[versionMatch]}${issue.affected.fixedIn ? `; fixed in ${issue.affected.fixedIn}` : ""})`,
  }));
}

/** The Markdown reply the bot posts in the thread. */
export function renderReply(analysis: Analysis, ctx: ReplyContext): string {
  const { kb } = ctx;
  const { verdict, facts } = analysis;
  const decided = verdict.tier === "decided";
  const leading = verdict.tier === "leading";
  const classInfo = kb.classes.find((c) => c.id === verdict.errorClass);
  const signature = kb.signatures.find((s) => s.id === verdict.leading?.signatureId);
  const open =
    decided || leading
      ? []
      : verdict.hypotheses.filter((h) => h.likelihood >= 0.1).slice(0, MAX_OPEN);
  const lead = decided || leading ? verdict.hypotheses[0] : open[0];
  const rival = verdict.rival;
  const rewritten = facts.rewrittenErrors[0];
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
                  title: kb.classes.find((c) => c.id === rival.errorClass)?.title ?? rival.title,
                  likelihood: rival.likelihood.toFixed(2),
                }
              : null,
        }
      : null,
    underlying: verdict.underlyingClass
      ? (kb.classes.find((c) => c.id === verdict.underlyingClass)?.title ?? verdict.underlyingClass)
      : null,
    classTitle: classInfo?.title ?? verdict.errorClass,
    classExplain: classInfo?.explain ?? "",
    meaning: signature && signature.errorClass === verdict.errorClass ? signature.meaning : null,
    providerName: kb.providers.find((p) => p.id === verdict.provider)?.name ?? null,
    model: verdict.model,
    confidence: verdict.confidence.toFixed(2),
    rewritten:
      !decided && !leading && rewritten && facts.rawErrors.length === 0 ? rewritten.text : null,
    toolName: kb.tools.find((t) => t.id === rewritten?.tool)?.name ?? "the tool",
    wait: waitLine(analysis, ctx.now),
    hasChanges: ctx.changes ? hasChanges(ctx.changes) : false,
    changes: ctx.changes
      ? {
          ...ctx.changes,
          hasNoLongerNeeded: ctx.changes.noLongerNeeded.length > 0,
          noLongerNeededText: ctx.changes.noLongerNeeded
            .map((l) => l.charAt(0).toLowerCase() + l.slice(1))
            .join(", "),
          nowClass: ctx.changes.nowClass
            ? (kb.classes.find((c) => c.id === ctx.changes?.nowClass)?.title ??
              ctx.changes.nowClass)
            : null,
        }
      : null,
    noted: notedFacts(analysis, kb),
    hasNoted: true,
    ruledOut: verdict.ruledOut,
    hasRuledOut: verdict.ruledOut.length > 0,
    open: open.map((h) => ({
      title: h.title,
      likelihood: h.likelihood.toFixed(2),
      for: h.evidenceFor.join("; "),
      against: h.evidenceAgainst.join("; "),
    })),
    hasOpen: open.length > 0,
    findings: verdict.findings.map((f) => ({ title: f.title, evidence: f.evidenceFor.join("; ") })),
    hasFindings: verdict.findings.length > 0,
    knownIssues: knownIssuesView(analysis),
    hasKnownIssues: analysis.verdict.knownIssues.length > 0,
    missing: analysis.missing.map((m, i) => ({ ...m, n: i + 1 })),
    hasMissing: analysis.missing.length > 0,
    nextExperiment: analysis.missing.length === 0 ? (lead?.nextExperiment ?? null) : null,
    mitigations: analysis.mitigations.slice(0, MAX_MITIGATIONS).map((m, i) => ({ ...m, n: i + 1 })),
    hasMitigations: analysis.mitigations.length > 0,
    unreadable: facts.unreadable.map(
      (u) => `${u.source.attachment ?? `message ${u.source.message + 1}`}: ${u.reason}`,
    ),
    hasUnreadable: facts.unreadable.length > 0,
    offerIssue:
      verdict.errorClass === "provider_incident" ||
      verdict.errorClass === "client_bug" ||
      verdict.knownIssues.length > 0,
  };
  view.hasNoted = view.noted.length > 0;
  const text = Mustache.render(
    template(kb, "reply"),
    view,
    { changes: template(kb, "changes") },
    { escape: (v: unknown) => String(v) },
  );
  const cost = analysis.retryCost
    ? renderRetryCostLine(analysis.retryCost, template(kb, "retry-cost"))
    : "";
  return `${[text.replace(/\n{3,}/g, "\n\n").trim(), cost].filter(Boolean).join("\n\n")}\n`;
}
