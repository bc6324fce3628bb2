import type { ErrorClass, ProviderId } from "../vocabulary.js";

/**
 * What many threads must share to count as one cause: the provider, the model family, the error
 * class, the matched provider signature, and the tool with its version bucket.
 */
export interface IncidentSignature {
  provider: ProviderId;
  modelFamily: string | null;
  errorClass: ErrorClass;
  signatureId: string | null;
  tool: string | null;
  versionBucket: string | null;
}

/** One thread's contribution to a signature: its first verdict with that signature. */
export interface SignatureHit {
  signatureKey: string;
  threadKey: string;
  /** "<platform>:<user id>": the same person on two platforms counts twice, which is rare. */
  reporterKey: string;
  at: string;
}

/** The knobs of clustering; every one is a setting (INCIDENT_* in the README). */
export interface IncidentSettings {
  /** Distinct reporters of one signature within the window that open an incident. */
  minReporters: number;
  windowMinutes: number;
  /** How many times the usual rate the window's rate must reach. */
  rateFactor: number;
  /** An incident ends after this long without a new matching thread. */
  quietMinutes: number;
  /** The time constant of the exponentially weighted usual rate. */
  baselineHours: number;
  /** The usual rate never counts as less than this (a brand-new signature has no history). */
  baselineFloorPerHour: number;
}

export const DEFAULT_INCIDENT_SETTINGS = {
  minReporters: 5,
  windowMinutes: 30,
  rateFactor: 4,
  quietMinutes: 60,
  baselineHours: 7 * 24,
  baselineFloorPerHour: 0.1,
} as const satisfies Required<IncidentSettings>;

/** An open or ended incident as the store keeps it. */
export interface IncidentRecord {
  id: string;
  signatureKey: string;
  signature: IncidentSignature;
  openedAt: string;
  /** The first matching thread inside the window that opened it: "since when". */
  firstSeenAt: string;
  lastHitAt: string;
  closedAt: string | null;
  reporters: number;
  /** Why it opened, in words ("7 reporters in 18 min; usual: 0.3/h"). */
  explanation: string;
  tracker: { number: number; url: string } | null;
}
