import type { Knowledge } from "../../knowledge/knowledge.js";
import type { Verdict } from "../diagnosis/diagnose.js";
import { decideRetryable } from "../diagnosis/retryable.js";
import type { FactSheet } from "../facts.js";
import type { TriageReport } from "../report.js";
import type { ErrorClass, ProviderId } from "../vocabulary.js";
import { evidenceSignature, signatureKey } from "./signature.js";
import type { ProviderIncident } from "./status-feed.js";
import type { IncidentRecord } from "./types.js";

/**
 * What the bot knows about incidents when it analyses a thread, handed in as data by the
 * conversation (core never reads the store or a status page): the incidents open now, and the
 * providers whose own status page shows one.
 */
export interface IncidentContext {
  open: readonly IncidentRecord[];
  providerPages: ReadonlyArray<{ provider: ProviderId; incidents: readonly ProviderIncident[] }>;
}

/** The incident a verdict is read against, as the report carries it. */
export type IncidentBearing = NonNullable<TriageReport["incident"]>;

/**
 * Classes many people share in an incident without it being their own limit: overload, the
 * provider's incident, and "not enough to tell yet". A per-minute limit counts only while the
 * evidence has not decided it (a thread with its own numbers over its own limit keeps its verdict,
 * with the note beside it). Daily quotas, billing, keys and tool bugs stay what the evidence says.
 */
const SHARED = new Set<ErrorClass>(["capacity_or_overload", "provider_incident", "unknown"]);
const SHARED_WHILE_UNDECIDED = new Set<ErrorClass>(["rpm", "tpm"]);

/**
 * How sure a verdict read against an incident is: N distinct reporters at several times the
 * usual rate, or the provider saying so, outweighs one thread's undecided evidence.
 */
const INCIDENT_CONFIDENCE = 0.8;

function sharesCause(verdict: Verdict): boolean {
  return (
    SHARED.has(verdict.errorClass) ||
    (SHARED_WHILE_UNDECIDED.has(verdict.errorClass) && verdict.tier !== "decided")
  );
}

/**
 * The incident this thread belongs to, if any: an open incident with the signature its evidence
 * leaves, else an incident on its provider's status page. Null when the evidence points at the
 * reporter's own limit, key or tool: the note then stands beside the thread's own diagnosis.
 */
export function incidentBearing(
  verdict: Verdict,
  facts: FactSheet,
  context: IncidentContext,
  kb: Knowledge,
): IncidentBearing | null {
  if (!sharesCause(verdict)) return null;
  const signature = evidenceSignature(verdict, facts);
  const key = signature ? signatureKey(signature) : null;
  const community = context.open.find((i) => i.closedAt === null && i.signatureKey === key);
  if (community) {
    return {
      source: "community",
      id: community.id,
      explanation: community.explanation,
      since: community.firstSeenAt,
      url: community.tracker?.url ?? null,
    };
  }
  const page = context.providerPages.find((p) => p.provider === verdict.provider);
  const listed = page?.incidents[0];
  if (!listed) return null;
  const name = kb.providers.find((p) => p.id === verdict.provider)?.name ?? verdict.provider;
  return {
    source: "status_page",
    id: null,
    explanation: `${name}'s status page: “${listed.name}” (${listed.status})`,
    since: listed.startedAt,
    url: listed.url,
  };
}

/**
 * The verdict read against an incident: `provider_incident`, with what the evidence alone said
 * kept as the underlying class, and retryable as the data's cues say for that class (waiting it
 * out helps; a retry loop does not). Everything the evidence read (hypotheses, ruled out, the raw
 * error) stays, so the thread's own diagnosis is back as soon as the incident ends.
 */
export function verdictInIncident(verdict: Verdict, facts: FactSheet, kb: Knowledge): Verdict {
  const markers = new Set(verdict.markers);
  const decision = decideRetryable("provider_incident", verdict.leading, markers, kb.retryCues);
  const retryable = decision.retryable ?? true;
  const hint = facts.retryHints.find((h) => h.seconds !== null)?.seconds ?? null;
  return {
    ...verdict,
    errorClass: "provider_incident",
    tier: "decided",
    underlyingClass: verdict.errorClass,
    rival: null,
    confidence: Math.max(verdict.confidence, INCIDENT_CONFIDENCE),
    retryable,
    retryBecause: decision.because,
    retryAfterSeconds: retryable ? (verdict.leading?.retryAfterSeconds ?? hint) : null,
    markers,
  };
}
