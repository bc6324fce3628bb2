import type { Knowledge } from "../../knowledge/knowledge.js";
import { clockUtc, humanizeSeconds } from "../durations.js";
import { type FactSheet, leadingRawError, type RawErrorFact } from "../facts.js";
import type { ErrorClass, ProviderId } from "../vocabulary.js";
import {
  type RuledOut,
  type ScoredHypothesis,
  scoreHypotheses,
  type TemplateVars,
} from "./hypotheses.js";
import { type KnownIssueMatch, matchKnownIssues } from "./known-issues.js";
import { markersOf } from "./markers.js";
import { decideRetryable } from "./retryable.js";

/** A hypothesis must reach this likelihood to become the verdict; below it the class stays "unknown". */
export const VERDICT_THRESHOLD = 0.6;
/** ...and lead the best hypothesis of another class by this much, or the evidence does not decide. */
export const VERDICT_MARGIN = 0.15;
/** Findings (side diagnoses) are reported from this likelihood on. */
export const FINDING_THRESHOLD = 0.5;
/** Below the verdict, a hypothesis with specific support from this likelihood on is the likely cause. */
export const LEADING_THRESHOLD = 0.2;
/** ...and lead the best hypothesis of another class by this much: a near tie names no leader. */
export const LEADING_MARGIN = 0.05;
/** A cause reported beside a tool defect ("underlying limit") needs this much support. */
export const UNDERLYING_THRESHOLD = 0.3;

/**
 * decided: the evidence settles it; leading: the top hypothesis has specific support (a body, a
 * claim, an experiment) but not enough to settle it, so the reply says "most likely" and names the
 * rival; unknown: nothing specific yet.
 */
export type VerdictTier = "decided" | "leading" | "unknown";

export interface Verdict {
  provider: ProviderId;
  model: string | null;
  errorClass: ErrorClass;
  tier: VerdictTier;
  /** When a tool defect is the primary class: the provider's limit underneath it. */
  underlyingClass: ErrorClass | null;
  /** The best hypothesis of another class, named in a leading verdict. */
  rival: ScoredHypothesis | null;
  retryable: boolean | null;
  /** Why retrying does or does not help, from the first retry cue that holds. */
  retryBecause: string | null;
  retryAfterSeconds: number | null;
  resetAt: string | null;
  confidence: number;
  hypotheses: ScoredHypothesis[];
  findings: ScoredHypothesis[];
  ruledOut: RuledOut[];
  leading: RawErrorFact | null;
  /** Known issues of the tool whose symptoms match, affected versions first. */
  knownIssues: KnownIssueMatch[];
  markers: Set<string>;
  vars: TemplateVars;
}

function abbreviateTokens(n: number): string {
  return n >= 1000 ? `${Math.round(n / 100) / 10}k`.replace(".0k", "k") : String(n);
}

/** Values the data texts may quote. */
export function templateVars(facts: FactSheet, now: Date, resetAt: string | null): TemplateVars {
  const tokens = facts.requestTokens;
  const resetIn = resetAt ? (new Date(resetAt).getTime() - now.getTime()) / 1000 : null;
  return {
    maxTokens: facts.maxTokens,
    minContext: tokens.length > 0 ? abbreviateTokens(Math.min(...tokens)) : "small",
    maxContext: tokens.length > 0 ? abbreviateTokens(Math.max(...tokens)) : null,
    provider: facts.provider,
    model: facts.model,
    ref:
      facts.modelRef ??
      (facts.provider && facts.model ? `${facts.provider}/${facts.model}` : "<provider>/<model>"),
    version: facts.tool?.version ?? null,
    // As the reply shows times ("07:00 UTC", the date only when it is not today), never raw ISO;
    // a reset already past (a thread read days later) is no time to wait for.
    resetAt: resetAt && resetIn !== null && resetIn > 0 ? clockUtc(resetAt, now) : null,
    resetIn: resetIn !== null && resetIn > 0 ? humanizeSeconds(resetIn) : null,
  };
}

function chooseClass(ranked: readonly ScoredHypothesis[]): {
  errorClass: ErrorClass;
  confidence: number;
  tier: VerdictTier;
  rival: ScoredHypothesis | null;
} {
  const top = ranked[0];
  if (!top) return { errorClass: "unknown", confidence: 0, tier: "unknown", rival: null };
  const rival = ranked.find((h) => h.errorClass !== top.errorClass) ?? null;
  // A rival that would give the lead to this class anyway (a complaint about the tool beside a
  // provider's limit) is no contest: the margin is taken over the next rival that would not.
  const contender =
    ranked.find(
      (h) =>
        h.errorClass !== top.errorClass &&
        !(top.specific && (h.yieldsTo.includes("*") || h.yieldsTo.includes(top.errorClass))),
    ) ?? null;
  // A primary cause chosen by arbitration is decided on its own support, not on a margin over
  // the limit underneath it.
  const margin = top.leads ? VERDICT_MARGIN : top.likelihood - (contender?.likelihood ?? 0);
  const arbitrated = top.leads || (rival !== null && rival.likelihood > top.likelihood);
  if (top.likelihood >= VERDICT_THRESHOLD && margin >= VERDICT_MARGIN)
    return { errorClass: top.errorClass, confidence: top.likelihood, tier: "decided", rival };
  if (
    top.specific &&
    top.likelihood >= LEADING_THRESHOLD &&
    (arbitrated || margin >= LEADING_MARGIN)
  )
    return { errorClass: top.errorClass, confidence: top.likelihood, tier: "leading", rival };
  return { errorClass: "unknown", confidence: top.likelihood, tier: "unknown", rival };
}

/** With a tool defect as the primary class, the provider's limit it mishandled, when one stands out. */
function underlyingOf(
  errorClass: ErrorClass,
  ranked: readonly ScoredHypothesis[],
): ErrorClass | null {
  if (errorClass !== "client_bug") return null;
  const below = ranked.find(
    (h) =>
      h.errorClass !== errorClass &&
      h.errorClass !== "unknown" &&
      h.specific &&
      h.likelihood >= UNDERLYING_THRESHOLD,
  );
  return below?.errorClass ?? null;
}

/** Facts → verdict: which limit, whether and when to retry, how sure, and what was ruled out. */
export function diagnose(
  facts: FactSheet,
  kb: Knowledge,
  now: Date,
  extraMarkers: readonly string[] = [],
): Verdict {
  const specificity = new Map(kb.signatures.map((s) => [s.id, s.specificity]));
  const leading = leadingRawError(facts.rawErrors, (e) =>
    e.signatureId ? (specificity.get(e.signatureId) ?? 0) : 0,
  );
  const markers = markersOf(facts, leading);
  for (const m of extraMarkers) markers.add(m);
  // Only tools that print a version are asked for one (a hosted product like Clay has none).
  const tool = kb.tools.find((t) => t.id === facts.tool?.id);
  if (tool) markers.add(tool.versionPatterns.length > 0 ? "tool:versioned" : "tool:unversioned");
  const knownIssues = matchKnownIssues(markers, facts.tool?.version ?? null, kb.knownIssues);
  for (const k of knownIssues) {
    markers.add(`known_issue:${k.issue.id}`);
    markers.add(`known_issue:${k.versionMatch}`);
  }
  const vars = templateVars(facts, now, leading?.resetAt ?? null);
  const { ranked, ruledOut } = scoreHypotheses(kb.hypotheses, markers, vars);
  const main = ranked.filter((h) => !h.finding);
  const { errorClass, confidence, tier, rival } = chooseClass(main);
  const { retryable, because } = decideRetryable(errorClass, leading, markers, kb.retryCues);
  const hint = facts.retryHints.find((h) => h.seconds !== null)?.seconds ?? null;
  return {
    provider: facts.provider ?? "unknown",
    model: facts.model,
    errorClass,
    tier,
    underlyingClass: underlyingOf(errorClass, main),
    rival: tier === "leading" ? rival : null,
    retryable,
    retryBecause: because,
    retryAfterSeconds: retryable === true ? (leading?.retryAfterSeconds ?? hint) : null,
    resetAt: leading?.resetAt ?? null,
    confidence,
    hypotheses: main,
    findings: ranked.filter((h) => h.finding && h.likelihood >= FINDING_THRESHOLD),
    ruledOut,
    leading,
    knownIssues,
    markers,
    vars,
  };
}
