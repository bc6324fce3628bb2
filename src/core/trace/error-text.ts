/**
 * What OpenClaw's own error strings say, read the way OpenClaw reads them (formats.md §2, §4;
 * `src/agents/failover/retry-evidence.ts` at eb377ac).
 */

/**
 * OpenClaw's `LONG_WINDOW_RATE_LIMIT_RE`: text that disables the same-model retry. Google's
 * "You exceeded your current quota" matches it, per-minute or not.
 */
const LONG_WINDOW =
  /daily|weekly|monthly|tokens per day|requests per day|per day|usage limit|subscription|insufficient_quota|current quota|quota exceeded|freeusagelimiterror|available balance|out of budget/i;
const SHORT_WINDOW = /\brpm\b|\btpm\b|per minute/i;

/** Whether OpenClaw 2026.9.6 would treat this error text as a long-window quota (no same-model retry). */
export function isLongWindowText(text: string): boolean {
  return LONG_WINDOW.test(text) && !SHORT_WINDOW.test(text);
}

/** The HTTP status an OpenClaw error message starts with ("429: …", "429 Rate limit…") or labels "(429)". */
export function statusInMessage(text: string): number | null {
  const match = /^\s*(?:HTTP\s+)?([1-5]\d\d)\b/.exec(text) ?? /\(([1-5]\d\d)\)/.exec(text);
  return match?.[1] ? Number(match[1]) : null;
}

/** OpenClaw cuts the provider's detail at 220 chars with "…" (and the TUI at "..."), before `[code=…]`. */
export function isCutErrorText(text: string): boolean {
  return /…\s*(?:\[code=[\w.-]+\])?\s*$|…\s*\[code=|\w\.\.\.\s*$/u.test(text.trim());
}

const WAIT_PATTERNS: Array<[RegExp, number]> = [
  [/retry in (\d+(?:\.\d+)?)\s*s\b/i, 1000],
  [/"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/i, 1000],
  [/retry-after:?\s*(\d+(?:\.\d+)?)\s*(?:s\b|sec|seconds?\b|$)/im, 1000],
  [/try again in (\d+(?:\.\d+)?)\s*s\b/i, 1000],
  [/try again in (\d+(?:\.\d+)?)\s*ms\b/i, 1],
];

/** A wait the provider asked for, in ms, when the error text carries one. */
export function waitAskedMs(text: string): number | null {
  for (const [pattern, scale] of WAIT_PATTERNS) {
    const match = pattern.exec(text);
    if (match?.[1]) return Math.round(Number(match[1]) * scale);
  }
  return null;
}

/** Whether the text is an overload (503, UNAVAILABLE, "overloaded"), which is not the user's quota. */
export function isOverloadText(text: string): boolean {
  return /\b503\b|\bUNAVAILABLE\b|overloaded|model is at capacity|service unavailable|high demand/i.test(
    text,
  );
}
