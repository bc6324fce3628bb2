import type { TraceRunSample } from "./types.js";

const MAX_MODELS_PER_RUN = 8;
const MAX_GAPS_PER_RUN = 16;

/** What the summariser remembers about one run while it is active. */
export interface RunState {
  runId: string;
  sessionId: string | null;
  models: string[];
  attempts: number;
  errors: number;
  successes: number;
  sameModelRetries: number;
  /** seq of the last line; a seq that does not grow starts a new attempt. */
  lastSeq: number;
  attemptModel: string | null;
  lastOutcome: "error" | "ok" | "unknown";
  startMs: number | null;
  startTs: string | null;
  endMs: number | null;
  endTs: string | null;
  lastAttemptEndMs: number | null;
  retryGapsMs: number[];
  lastError: string | null;
  /** Models whose stream options were already read in this run (retries repeat them). */
  optionsReadFor: string[];
}

export function newRun(runId: string, sessionId: string | null): RunState {
  return {
    runId,
    sessionId,
    models: [],
    attempts: 0,
    errors: 0,
    successes: 0,
    sameModelRetries: 0,
    lastSeq: Number.NEGATIVE_INFINITY,
    attemptModel: null,
    lastOutcome: "unknown",
    startMs: null,
    startTs: null,
    endMs: null,
    endTs: null,
    lastAttemptEndMs: null,
    retryGapsMs: [],
    lastError: null,
    optionsReadFor: [],
  };
}

export function addModel(run: RunState, ref: string): void {
  if (!run.models.includes(ref) && run.models.length < MAX_MODELS_PER_RUN) run.models.push(ref);
}

export function addGap(run: RunState, gapMs: number): void {
  if (run.retryGapsMs.length < MAX_GAPS_PER_RUN) run.retryGapsMs.push(gapMs);
}

export function sampleOf(run: RunState): TraceRunSample {
  return {
    runId: run.runId,
    sessionId: run.sessionId,
    models: [...run.models],
    attempts: run.attempts,
    errors: run.errors,
    successes: run.successes,
    outcome: run.lastOutcome,
    startTs: run.startTs,
    endTs: run.endTs,
    durationMs: run.startMs !== null && run.endMs !== null ? run.endMs - run.startMs : null,
    retryGapsMs: [...run.retryGapsMs],
    sameModelRetries: run.sameModelRetries,
    lastError: run.lastError,
  };
}

/** Keeps the `cap` runs with the most attempts; earlier runs win ties. */
export function keepTop(samples: TraceRunSample[], sample: TraceRunSample, cap: number): void {
  if (cap <= 0) return;
  const last = samples[samples.length - 1];
  if (samples.length >= cap && last && last.attempts >= sample.attempts) return;
  let i = samples.length;
  while (i > 0 && (samples[i - 1]?.attempts ?? 0) < sample.attempts) i--;
  samples.splice(i, 0, sample);
  if (samples.length > cap) samples.pop();
}
