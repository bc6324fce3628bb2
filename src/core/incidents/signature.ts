import type { Verdict } from "../diagnosis/diagnose.js";
import type { FactSheet } from "../facts.js";
import type { TriageReport } from "../report.js";
import type { ErrorClass, ProviderId } from "../vocabulary.js";
import type { IncidentSignature } from "./types.js";

/** A leading hypothesis below this likelihood says too little to cluster on. */
const MIN_HYPOTHESIS_LIKELIHOOD = 0.35;

/**
 * "gemini-2.5-flash-preview-05-20" and "gemini-2.5-flash-001" are one family: dated snapshots,
 * preview/latest tags and numeric revisions come and go while the cause is the same model.
 */
export function modelFamily(model: string | null): string | null {
  if (!model) return null;
  const base = model.toLowerCase().split("/").at(-1) ?? model.toLowerCase();
  const trimmed = base
    .replace(/-(?:\d{4}-?\d{2}-?\d{2}|\d{2}-\d{2}|\d{3,8})$/, "")
    .replace(/-(?:preview|latest|exp|experimental)(?:-.*)?$/, "");
  return trimmed || base;
}

/** "2026.2.24" → "2026.2": patch releases of one line share their bugs more often than not. */
export function versionBucket(version: string | null): string | null {
  if (!version) return null;
  const parts = version.replace(/^v/i, "").split(/[.-]/);
  return parts.length >= 2 ? `${parts[0]}.${parts[1]}` : (parts[0] ?? null);
}

/** What a signature is read from: a stored report and a fresh analysis both provide it. */
interface SignatureParts {
  provider: ProviderId;
  model: string | null;
  /** The class the evidence gave, never the incident's own. */
  errorClass: ErrorClass;
  rawErrors: ReadonlyArray<{ signatureId: string | null }>;
  lead: { errorClass: ErrorClass; likelihood: number } | undefined;
  tool: { id: string; version: string | null } | null;
}

/**
 * The signature a verdict contributes, or null when it says too little. An undecided thread
 * counts by its leading hypothesis, else (class "unknown") only with a matched provider error
 * signature: the same raw error from many people at once is the first sign of an incident, while
 * a bare "429 help" must not pile onto a real cluster.
 */
function signatureOf(parts: SignatureParts): IncidentSignature | null {
  if (parts.provider === "unknown" || parts.errorClass === "other") return null;
  const matched = parts.rawErrors.find((e) => e.signatureId !== null);
  const lead = parts.lead;
  const errorClass =
    parts.errorClass !== "unknown"
      ? parts.errorClass
      : lead && lead.likelihood >= MIN_HYPOTHESIS_LIKELIHOOD
        ? lead.errorClass
        : "unknown";
  if (errorClass === "unknown" && !matched) return null;
  return {
    provider: parts.provider,
    modelFamily: modelFamily(parts.model),
    errorClass,
    signatureId: matched?.signatureId ?? null,
    tool: parts.tool?.id ?? null,
    versionBucket: versionBucket(parts.tool?.version ?? null),
  };
}

/**
 * A stored verdict's signature. A verdict an incident rewrote (`incident` set) counts by what its
 * evidence said (`underlyingClass`): otherwise every thread in an incident would leave the
 * incident's signature for a new one of class provider_incident.
 */
export function incidentSignature(report: TriageReport): IncidentSignature | null {
  return signatureOf({
    provider: report.provider,
    model: report.model,
    errorClass: report.incident ? (report.underlyingClass ?? "unknown") : report.errorClass,
    rawErrors: report.facts.rawErrors,
    lead: report.hypotheses[0],
    tool: report.facts.tool,
  });
}

/** The signature of a verdict as the evidence alone gives it, before any incident is applied. */
export function evidenceSignature(verdict: Verdict, facts: FactSheet): IncidentSignature | null {
  return signatureOf({
    provider: verdict.provider,
    model: verdict.model,
    errorClass: verdict.errorClass,
    rawErrors: facts.rawErrors,
    lead: verdict.hypotheses[0],
    tool: facts.tool,
  });
}

/** One string per signature, for the store's index and the tracker's fingerprint. */
export function signatureKey(s: IncidentSignature): string {
  return [
    s.provider,
    s.modelFamily ?? "-",
    s.errorClass,
    s.signatureId ?? "-",
    `${s.tool ?? "-"}@${s.versionBucket ?? "-"}`,
  ].join("|");
}

/**
 * "google gemini-2.5-flash · capacity_or_overload (gemini-overloaded) · openclaw 2026.2": for
 * people. An undecided class is named by the provider error it matched instead.
 */
export function describeSignature(s: IncidentSignature): string {
  const model = s.modelFamily ? ` ${s.modelFamily}` : "";
  const tool = s.tool ? ` · ${s.tool}${s.versionBucket ? ` ${s.versionBucket}` : ""}` : "";
  const what =
    s.errorClass === "unknown"
      ? (s.signatureId ?? "unknown")
      : `${s.errorClass}${s.signatureId ? ` (${s.signatureId})` : ""}`;
  return `${s.provider}${model} · ${what}${tool}`;
}
