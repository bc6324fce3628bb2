/**
 * A rate-limit timeline: what happened when, read from traces, logs, header dumps and
 * timestamped error lines. Events are the raw material; a Timeline is their bucketed summary,
 * small and JSON-safe so it can travel with a reply through the outbox.
 */

/** One thing that happened at a moment. `run` groups the attempts of one turn when known. */
export type TimelineEvent =
  | {
      kind: "request";
      atMs: number;
      run: string | null;
      model: string | null;
      /** Input tokens sent, exact or estimated; null when nothing says. */
      tokens: number | null;
    }
  | {
      kind: "response";
      atMs: number;
      run: string | null;
      model: string | null;
      status: number | null;
      ok: boolean;
      tokens: number | null;
    }
  /** A wait: the client's backoff before a retry, or a profile or model cooldown. */
  | { kind: "wait"; atMs: number; untilMs: number; reason: "backoff" | "cooldown" }
  /** When the limit's window resets, as a header or an error says. */
  | { kind: "reset"; atMs: number };

export type MarkKind = "429" | "error" | "retry" | "switch";

/** An individual marker drawn on the chart (capped; bucket counts stay exact). */
export interface TimelineMark {
  atMs: number;
  kind: MarkKind;
  /** The model switched to, for a "switch" mark. */
  label?: string;
}

export interface TimelineBucket {
  startMs: number;
  /** First attempts of a turn. */
  requests: number;
  /** Attempts beyond the first of their turn. */
  retries: number;
  tokens: number;
  rateLimited: number;
  otherErrors: number;
}

export interface TimelineLimits {
  tier: string | null;
  rpm: number | null;
  tpm: number | null;
}

export interface Timeline {
  startMs: number;
  endMs: number;
  windowMs: number;
  buckets: TimelineBucket[];
  marks: TimelineMark[];
  /** Marks left out beyond the cap. */
  marksOmitted: number;
  spans: Array<{ startMs: number; endMs: number; reason: "backoff" | "cooldown" }>;
  resetAtMs: number | null;
  limits: TimelineLimits;
  /** Models in the order they were first tried (the fallback chain). */
  models: string[];
  /** Whether any request carried a token count. */
  hasTokens: boolean;
  totals: {
    requests: number;
    retries: number;
    rateLimited: number;
    otherErrors: number;
    tokens: number;
  };
}
