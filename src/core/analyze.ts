import type { Knowledge } from "../knowledge/knowledge.js";
import { type Reader, readerOf } from "./audience.js";
import { type RetryCost, retryCost } from "./cost/retry-cost.js";
import { diagnose, type Verdict } from "./diagnosis/diagnose.js";
import { collectEvidence } from "./evidence/collect.js";
import type { EvidenceCache } from "./evidence/evidence-cache.js";
import type { Extractor } from "./evidence/extractor.js";
import type { Evidence } from "./evidence/types.js";
import { type FactSheet, mergeFacts } from "./facts.js";
import {
  type IncidentBearing,
  type IncidentContext,
  incidentBearing,
  verdictInIncident,
} from "./incidents/in-incident.js";
import { threadLanguage } from "./language.js";
import { type MissingInfo, missingInfo } from "./missing.js";
import { type MitigationAdvice, mitigate } from "./mitigations.js";
import type { Redaction } from "./redact/types.js";
import type { TriageReport } from "./report.js";
import type { Thread } from "./thread.js";
import { timelineLimits } from "./timeline/limits.js";
import { threadTimeline } from "./timeline/thread-timeline.js";
import type { Timeline } from "./timeline/types.js";

/** Everything the engine concluded about a thread; renderers turn it into replies. */
export interface Analysis {
  evidence: Evidence[];
  facts: FactSheet;
  verdict: Verdict;
  missing: MissingInfo[];
  mitigations: MitigationAdvice[];
  redactions: Redaction[];
  /** What the thread's traces and logs show over time (null when nothing carried times). */
  timeline: Timeline | null;
  /** What the retries in those traces and logs cost (null when nothing was retried). */
  retryCost: RetryCost | null;
  /** Who reads the reply, for advice they can apply in their tool. */
  reader: Reader;
  /** The language the thread is written in (a data/languages.json id). */
  language: string;
  /** When the message that gave the wait (retryAfterSeconds) was posted, if known. */
  waitSaidAt: string | null;
  /**
   * The incident the verdict was read against (then `provider_incident`, the evidence's class
   * underneath), or null: none given, none matching, or the evidence points at the user's own.
   */
  incident: IncidentBearing | null;
}

/** The message the verdict's wait came from: the leading error's, else the first hint's. */
function waitSaidAt(
  thread: Thread,
  verdict: Verdict,
  evidence: readonly Evidence[],
): string | null {
  if (verdict.retryAfterSeconds === null) return null;
  const hint = evidence.find((e) => e.kind === "retry_hint" && e.seconds !== null);
  const message =
    verdict.leading?.retryAfterSeconds != null
      ? verdict.leading.source.message
      : hint?.source.message;
  return message === undefined ? null : (thread.messages[message]?.at ?? null);
}

/** A pure function of the thread, the knowledge and the time: no clock, file or network inside. */
export function analyze(
  thread: Thread,
  kb: Knowledge,
  now: Date,
  extractors?: readonly Extractor[],
  /** Evidence already read per message: a hit equals reading again, so the result is the same. */
  cache?: EvidenceCache,
  /** The incidents open now, as the conversation knows them; absent: the evidence alone. */
  incidents?: IncidentContext,
): Analysis {
  const collected = collectEvidence(thread, kb, now, extractors, cache);
  const facts = mergeFacts(collected.evidence);
  const evidenceVerdict = diagnose(facts, kb, now);
  const incident = incidents ? incidentBearing(evidenceVerdict, facts, incidents, kb) : null;
  const verdict = incident ? verdictInIncident(evidenceVerdict, facts, kb) : evidenceVerdict;
  const reader = readerOf(facts, kb);
  const { timeline, retries } = threadTimeline(thread, timelineLimits(facts, kb.tiers), cache);
  return {
    evidence: collected.evidence,
    facts,
    verdict,
    missing: missingInfo(facts, verdict, kb),
    mitigations: mitigate(facts, verdict, kb, reader),
    redactions: collected.redactions,
    reader,
    language: threadLanguage(thread, kb),
    waitSaidAt: waitSaidAt(thread, verdict, collected.evidence),
    timeline,
    retryCost: retryCost(retries, kb.prices, facts.provider),
    incident,
  };
}

/** The contract's TriageReport for an analysis and its rendered reply. */
export function toReport(analysis: Analysis, reply: string): TriageReport {
  const { verdict, facts } = analysis;
  return {
    schemaVersion: 1,
    provider: verdict.provider,
    model: verdict.model,
    errorClass: verdict.errorClass,
    verdictTier: verdict.tier,
    ...(verdict.underlyingClass ? { underlyingClass: verdict.underlyingClass } : {}),
    ...(analysis.incident ? { incident: analysis.incident } : {}),
    retryable: verdict.retryable,
    retryableBecause: verdict.retryBecause,
    retryAfterSeconds: verdict.retryAfterSeconds,
    confidence: verdict.confidence,
    audience: analysis.reader,
    language: analysis.language,
    facts: {
      ...facts,
      resetAt: verdict.resetAt,
      knownIssues: verdict.knownIssues.map(({ issue, versionMatch }) => ({
        id: issue.id,
        title: issue.title,
        url: issue.url,
        versionMatch,
      })),
      findings: verdict.findings.map((f) => ({
        id: f.id,
        title: f.title,
        likelihood: f.likelihood,
        evidenceFor: f.evidenceFor,
      })),
    },
    hypotheses: verdict.hypotheses
      .filter((h) => h.likelihood >= 0.1 || h.evidenceFor.length > 0)
      .map(({ id, title, errorClass, likelihood, evidenceFor, evidenceAgainst }) => ({
        id,
        title,
        errorClass,
        likelihood,
        evidenceFor,
        evidenceAgainst,
      })),
    ruledOut: verdict.ruledOut,
    missing: analysis.missing.map(({ id, label, why, howToGet }) => ({ id, label, why, howToGet })),
    mitigations: analysis.mitigations,
    redactions: analysis.redactions,
    reply,
  };
}
