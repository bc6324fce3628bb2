import { parseGoDuration } from "../durations.js";
import type { TimelineEvent } from "./types.js";

const FETCH = /\bmodel=(\S+).*?\bstatus=(\d{3})\b/;
/** An access-log line: a method, a path, then the status ("POST /v1/… -> 429", "… 200 OK"). */
const ACCESS = /\b(?:POST|GET)\s+(\S+)\s+(?:->|→|=>|:)?\s*(\d{3})\b/;
const MODEL_IN_PATH = /\/models\/([\w.-]+?)(?::|\/|$)|"model"\s*:\s*"([^"]+)"/;
const RETRY_DELAY = /\bretry\b.*?\bdelay(?:Ms)?[=:]\s*(\d+)/i;
const RETRY_IN =
  /\bretry(?:ing)?\b.*?\bin\s+(\d+(?:\.\d+)?)\s*(ms|s|sec|seconds?|m|min|minutes?)\b/i;
const COOLDOWN = /\bcool(?:ing)?[ -]?down\b/i;
const FOR_DURATION =
  /\b(?:for|remaining[=:]?)\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|seconds?|m|min|minutes?|h|hours?)\b/i;
const REMAINING_MS = /\bremainingMs[=:]\s*(\d+)/;
const UNTIL_ISO = /\buntil\s+(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))/i;
const RATE_LIMITED = /\b429\b|too many requests|resource[_ ]exhausted|rate[_ -]?limit(?:ed)?\b/i;
/** Lines that talk about a 429 already counted (decisions, retries, summaries), not a new one. */
const ECHO =
  /decision|retry|lane task|cool(?:ing)?[ -]?down|fallback|summary|attempt \d+\/\d+ failed/i;
const OTHER_ERROR = /\b(50[0-4]|529)\b.*\b(error|overloaded|unavailable)\b|\boverloaded\b/i;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function durationMs(amount: string, unit: string): number {
  const key = unit.startsWith("ms")
    ? "ms"
    : unit.startsWith("h")
      ? "h"
      : unit.startsWith("m")
        ? "m"
        : "s";
  return Number(amount) * (UNIT_MS[key] ?? 1000);
}

/** A request seen only by its answer: both at the moment the line was written. */
export function exchange(atMs: number, model: string | null, status: number): TimelineEvent[] {
  return [
    { kind: "request", atMs, run: null, model, tokens: null },
    { kind: "response", atMs, run: null, model, status, ok: status < 400, tokens: null },
  ];
}

/** Events found in a log line's text, stamped `atMs`. `weak`: a generic 429 mention. */
export interface LineEvents {
  events: TimelineEvent[];
  weak: TimelineEvent[];
}

function waitIn(text: string, atMs: number): TimelineEvent | null {
  const delay = RETRY_DELAY.exec(text);
  if (delay?.[1] !== undefined)
    return { kind: "wait", atMs, untilMs: atMs + Number(delay[1]), reason: "backoff" };
  const retryIn = RETRY_IN.exec(text);
  if (retryIn?.[1] !== undefined && retryIn[2] !== undefined)
    return {
      kind: "wait",
      atMs,
      untilMs: atMs + durationMs(retryIn[1], retryIn[2]),
      reason: "backoff",
    };
  if (!COOLDOWN.test(text)) return null;
  const until = UNTIL_ISO.exec(text);
  const untilMs = until?.[1] !== undefined ? Date.parse(until[1]) : Number.NaN;
  if (Number.isFinite(untilMs) && untilMs > atMs)
    return { kind: "wait", atMs, untilMs, reason: "cooldown" };
  const remaining = REMAINING_MS.exec(text);
  if (remaining?.[1] !== undefined)
    return { kind: "wait", atMs, untilMs: atMs + Number(remaining[1]), reason: "cooldown" };
  const span = FOR_DURATION.exec(text);
  if (span?.[1] !== undefined && span[2] !== undefined)
    return { kind: "wait", atMs, untilMs: atMs + durationMs(span[1], span[2]), reason: "cooldown" };
  return null;
}

/**
 * What one log line says happened: a provider response (OpenClaw's `[model-fetch] response …
 * status=429`), a retry's backoff, a cooldown, or a bare rate-limit error line. Bare 429 lines are
 * `weak`: a log with response lines repeats each 429 in several messages, so they count only
 * when nothing better was found.
 */
export function textLineEvents(text: string, atMs: number): LineEvents {
  const fetch = FETCH.exec(text);
  if (fetch?.[1] !== undefined && fetch[2] !== undefined && /response|fetch|http/i.test(text)) {
    const status = Number(fetch[2]);
    const model = fetch[1].replace(/[,;]$/, "");
    return { events: exchange(atMs, model, status), weak: [] };
  }
  const access = ACCESS.exec(text);
  if (access?.[1] !== undefined && access[2] !== undefined) {
    const status = Number(access[2]);
    const named = MODEL_IN_PATH.exec(access[1]);
    const model = named?.[1] ?? named?.[2] ?? null;
    return { events: exchange(atMs, model, status), weak: [] };
  }
  const wait = waitIn(text, atMs);
  if (wait) return { events: [wait], weak: [] };
  if (ECHO.test(text)) return { events: [], weak: [] };
  const limited = RATE_LIMITED.test(text);
  if (!limited && !OTHER_ERROR.test(text)) return { events: [], weak: [] };
  return { events: [], weak: exchange(atMs, null, limited ? 429 : 503) };
}

/** A Go-style or plain-seconds reset header value ("1m30s", "20", "0.5s"), in ms. */
export function resetValueMs(value: string): number | null {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const seconds = parseGoDuration(trimmed);
  return seconds === null ? null : seconds * 1000;
}
