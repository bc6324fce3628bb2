import type { RetryCue } from "../../knowledge/schema.js";
import type { RawErrorFact } from "../facts.js";
import type { ErrorClass } from "../vocabulary.js";
import { holdsAll } from "./markers.js";

export interface RetryDecision {
  retryable: boolean | null;
  /** The cue that decided, for the reply ("not retryable: a weekly allowance"). */
  because: string | null;
}

/**
 * Retryability on its own, not only from the class: the verdict's class and the leading body
 * become markers (`verdict:<class>`, `verdict_from_body:<bool>`, `leading_retryable:<bool>`) and
 * the first cue in data/retry-cues.json that holds decides.
 */
export function decideRetryable(
  errorClass: ErrorClass,
  leading: RawErrorFact | null,
  markers: ReadonlySet<string>,
  cues: readonly RetryCue[],
): RetryDecision {
  const all = new Set(markers);
  if (errorClass !== "unknown") all.add(`verdict:${errorClass}`);
  if (leading?.retryable !== null && leading?.retryable !== undefined) {
    all.add(`leading_retryable:${leading.retryable}`);
    if (leading.errorClass === errorClass) all.add(`verdict_from_body:${leading.retryable}`);
  }
  const cue = cues.find((c) => c.when.some((w) => holdsAll(w, all)));
  return cue
    ? { retryable: cue.retryable, because: cue.because }
    : { retryable: null, because: null };
}
