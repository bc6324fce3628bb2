import type { Knowledge } from "../../knowledge/knowledge.js";
import type { Analysis } from "../analyze.js";
import { humanizeSeconds } from "../durations.js";
import type { RawErrorFact } from "../facts.js";
import type { Thread } from "../thread.js";
import type { IssueReason, KnownIssueLink } from "./types.js";

/** Longest raw-error excerpt quoted; the full thread is one link away. */
const MAX_EXCERPT = 1500;
const MAX_RAW_ERRORS = 3;

/** Everything the issue templates (prompts/issue-*.md) may quote, already worded. */
export interface IssueView {
  toolName: string;
  version: string | null;
  commit: string | null;
  providerName: string;
  /** "provider/model", or null when the thread does not name the model. */
  modelRef: string | null;
  /** What fails, for prose: "`google/gemini-3-flash-preview`", else the provider's name. */
  subject: string;
  classTitle: string;
  confidence: string;
  lead: { short: string; message: string } | null;
  rawErrors: Array<{ where: string; excerpt: string }>;
  hasRawErrors: boolean;
  rewrittenText: string | null;
  hasRewrite: boolean;
  tier: string | null;
  limits: string | null;
  usage: string | null;
  percent: number | null;
  requestSizes: string | null;
  maxTokens: number | null;
  trace: string | null;
  retries: string | null;
  failingModels: string | null;
  workingModels: string | null;
  fallbacks: string | null;
  authSources: string | null;
  probes: string[];
  failing: Array<{ n: number; detail: string; outcome: string }>;
  working: Array<{ n: number; detail: string; outcome: string }>;
  experiments: Array<{ title: string; detail: string; outcome: string }>;
  hasExperiments: boolean;
  ruledOut: Array<{ title: string; because: string }>;
  hasRuledOut: boolean;
  evidenceFor: string[];
  evidenceText: string | null;
  findings: Array<{ title: string; evidence: string }>;
  hasFindings: boolean;
  knownIssues: KnownIssueLink[];
  hasKnownIssues: boolean;
  threadTitle: string | null;
  threadUrl: string | null;
  reason: string;
  staffNote: string | null;
  isClientBug: boolean;
  isProviderIncident: boolean;
  /** The incident the verdict was read against, in words, or null. */
  incident: string | null;
  everyRequestFails: boolean;
  minimalWorks: boolean;
  otherProviderWorks: boolean;
  othersAffected: boolean;
  retriesCost: boolean;
}

const REASONS: Record<IssueReason, string> = {
  client_bug: "the triage verdict is a bug in the tool",
  provider_incident:
    "the triage verdict is a provider-side change the tool does not surface (its message hides the provider's error)",
  known_issue: "the thread matches a known issue of this version",
  staff: "support staff asked for an issue",
};

function compact(n: number): string {
  if (n >= 1_000_000) return `${Math.round(n / 100_000) / 10}M`.replace(".0M", "M");
  if (n >= 1000) return `${Math.round(n / 100) / 10}k`.replace(".0k", "k");
  return String(n);
}

/** Markdown table cells and one-line values: no pipes or line breaks from the thread. */
function cell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, " ")
    .replace(/\|/g, "\\|")
    .trim();
}

function where(e: RawErrorFact): string {
  const s = e.source;
  return `message ${s.message + 1}${s.attachment ? `, ${s.attachment}` : ""}${s.line ? `, line ${s.line}` : ""}`;
}

function leadShort(lead: RawErrorFact): string {
  const parts = [lead.status ? `HTTP ${lead.status}` : null, lead.code].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : "a rate-limit error";
}

function rawErrors(analysis: Analysis): IssueView["rawErrors"] {
  const seen = new Set<string>();
  const lead = analysis.verdict.leading;
  const ordered = lead
    ? [lead, ...analysis.facts.rawErrors.filter((e) => e !== lead)]
    : analysis.facts.rawErrors;
  const out: IssueView["rawErrors"] = [];
  for (const e of ordered) {
    const excerpt = e.excerpt.trim();
    if (seen.has(excerpt) || out.length >= MAX_RAW_ERRORS) continue;
    seen.add(excerpt);
    out.push({
      where: where(e),
      excerpt: excerpt.length > MAX_EXCERPT ? `${excerpt.slice(0, MAX_EXCERPT)}…` : excerpt,
    });
  }
  return out;
}

function traceLine(trace: Analysis["facts"]["trace"]): string | null {
  if (!trace) return null;
  return [
    `runs ${trace.runs}`,
    `attempts ${trace.attempts}`,
    `errors ${trace.errors}`,
    trace.durationMs !== null ? `duration ${humanizeSeconds(trace.durationMs / 1000)}` : null,
    trace.toolCount !== null ? `tools ${trace.toolCount}` : null,
    trace.maxTokens !== null ? `maxTokens ${trace.maxTokens}` : null,
  ]
    .filter(Boolean)
    .join(", ");
}

function usageLine(analysis: Analysis): string | null {
  const u = analysis.facts.usage;
  if (!u) return null;
  const parts = [
    u.tpm !== undefined ? `${compact(u.tpm)} TPM` : null,
    u.rpm !== undefined ? `${compact(u.rpm)} RPM` : null,
    u.rpd !== undefined ? `${compact(u.rpd)} RPD` : null,
  ].filter(Boolean);
  if (u.percentOfLimit !== undefined) parts.push(`~${u.percentOfLimit}% of the limit`);
  return parts.length > 0 ? parts.join(", ") : null;
}

function limitsLine(analysis: Analysis): string | null {
  const limits = analysis.facts.tier?.limits ?? {};
  const parts = Object.entries(limits).map(([k, v]) => `${compact(v)} ${k.toUpperCase()}`);
  return parts.length > 0 ? parts.join(", ") : null;
}

function experimentsOf(analysis: Analysis, kb: Knowledge): IssueView["experiments"] {
  return analysis.facts.experiments.map((e) => ({
    title: kb.experiments.find((x) => x.id === e.id)?.title ?? e.id,
    detail: cell(e.detail).replace(/[.:]$/, ""),
    outcome: e.outcome.replace(/_/g, " "),
  }));
}

function numbered(items: ReadonlyArray<{ detail: string; outcome: string }>, from: number) {
  return items.map((item, i) => {
    const detail = cell(item.detail).replace(/[.:]$/, "");
    const outcome = item.outcome.replace(/_/g, " ");
    // "maxTokens 512: no effect" already says it; "→ no effect" again reads as a stutter.
    return { n: from + i, detail, outcome: detail.toLowerCase().endsWith(outcome) ? "" : outcome };
  });
}

export interface ViewInput {
  analysis: Analysis;
  thread: Thread;
  kb: Knowledge;
  reason: IssueReason;
  knownIssues: KnownIssueLink[];
  threadUrl: string | null;
  staffNote: string | null;
}

/** The facts of a thread, worded for the issue templates. */
export function issueView(input: ViewInput): IssueView {
  const { analysis, kb } = input;
  const { facts, verdict } = analysis;
  const signals = new Set(facts.signals.map((s) => s.id));
  const lead = verdict.leading;
  const toolName =
    kb.tools.find((t) => t.id === facts.tool?.id)?.name ?? facts.tool?.id ?? "the tool";
  const modelRef =
    facts.modelRef ?? (facts.provider && facts.model ? `${facts.provider}/${facts.model}` : null);
  const providerName =
    kb.providers.find((p) => p.id === verdict.provider)?.name ??
    (verdict.provider === "unknown" ? "the provider" : verdict.provider);
  const failing = facts.experiments.filter(
    (e) => e.outcome === "fails" || e.outcome === "no_effect",
  );
  const working = facts.experiments.filter((e) => e.outcome === "works" || e.outcome === "helped");
  const experiments = experimentsOf(analysis, kb);
  const leadHypothesis = verdict.hypotheses.find((h) => h.errorClass === verdict.errorClass);
  const minimalWorks = facts.experiments.some(
    (e) => e.id === "minimal_request" && e.outcome === "works",
  );
  return {
    toolName,
    version: facts.tool?.version ?? null,
    commit: facts.tool?.commit ?? null,
    providerName,
    modelRef: modelRef ?? facts.model,
    subject: (modelRef ?? facts.model) ? `\`${modelRef ?? facts.model}\`` : providerName,
    classTitle: kb.classes.find((c) => c.id === verdict.errorClass)?.title ?? verdict.errorClass,
    confidence: verdict.confidence.toFixed(2),
    lead: lead
      ? { short: leadShort(lead), message: cell(lead.message).slice(0, 300).replace(/\.$/, "") }
      : null,
    rawErrors: rawErrors(analysis),
    hasRawErrors: facts.rawErrors.length > 0,
    rewrittenText: facts.rewrittenErrors[0] ? cell(facts.rewrittenErrors[0].text) : null,
    hasRewrite: facts.rewrittenErrors.length > 0,
    tier: facts.tier?.tier ?? null,
    limits: limitsLine(analysis),
    usage: usageLine(analysis),
    percent: facts.usage?.percentOfLimit ?? null,
    requestSizes:
      facts.requestTokens.length > 0
        ? `${facts.requestTokens.map(compact).join(", ")} tokens`
        : null,
    maxTokens: facts.maxTokens,
    trace: traceLine(facts.trace),
    retries: facts.signals.find((s) => s.id === "retries_observed")?.detail ?? null,
    failingModels: facts.failingModels.length > 0 ? facts.failingModels.join(", ") : null,
    workingModels: facts.workingModels.length > 0 ? facts.workingModels.join(", ") : null,
    fallbacks: facts.modelStatus?.fallbacks.length ? facts.modelStatus.fallbacks.join(" → ") : null,
    authSources: facts.modelStatus?.authSources.length
      ? facts.modelStatus.authSources.map((a) => `${a.provider}: ${a.source}`).join(", ")
      : null,
    probes: [
      ...facts.probes.map(
        (p) =>
          `${p.provider ?? "?"}/${p.model ?? "?"}: ${p.status}${p.error ? ` (${cell(p.error)})` : ""}`,
      ),
      ...facts.signals
        .filter((s) => s.id === "probe_invalid_key")
        .map((s) => cell(s.detail).replace(/^probe:\s*/i, "")),
    ],
    failing: numbered(failing, 2),
    working: numbered(working, 2 + failing.length),
    experiments,
    hasExperiments: experiments.length > 0,
    ruledOut: verdict.ruledOut.map((r) => ({ title: r.title, because: r.because })),
    hasRuledOut: verdict.ruledOut.length > 0,
    evidenceFor: leadHypothesis?.evidenceFor ?? [],
    evidenceText: leadHypothesis?.evidenceFor.length ? leadHypothesis.evidenceFor.join("; ") : null,
    findings: verdict.findings.map((f) => ({ title: f.title, evidence: f.evidenceFor.join("; ") })),
    hasFindings: verdict.findings.length > 0,
    knownIssues: input.knownIssues,
    hasKnownIssues: input.knownIssues.length > 0,
    threadTitle: input.thread.title ? cell(input.thread.title) : null,
    threadUrl: input.threadUrl,
    reason: REASONS[input.reason],
    staffNote: input.staffNote,
    isClientBug: verdict.errorClass === "client_bug",
    isProviderIncident: verdict.errorClass === "provider_incident" && !analysis.incident,
    incident: analysis.incident
      ? `${analysis.incident.explanation}${analysis.incident.since ? ` (since ${analysis.incident.since.slice(0, 16).replace("T", " ")} UTC)` : ""}`
      : null,
    everyRequestFails: signals.has("first_request_fails") || signals.has("agent_requests_fail"),
    minimalWorks,
    otherProviderWorks: facts.experiments.some(
      (e) => e.id === "switch_provider" && e.outcome === "works",
    ),
    othersAffected: signals.has("others_affected"),
    retriesCost: signals.has("paid_retries_burning"),
  };
}
