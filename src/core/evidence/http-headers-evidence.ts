import { parseGoDuration, roundSeconds } from "../durations.js";
import { NOTHING_AT_ANY_TIME, type StagedExtractor, staged } from "./extractor.js";
import type { Evidence } from "./types.js";

const STATUS_LINE = /^\s*(?:<\s*)?HTTP\/[\d.]+\s+(\d{3})\b/imu;
const HEADER_LINE = /^\s*(?:<\s*)?([A-Za-z][\w-]{1,60}):\s*(.{1,200}?)\s*$/gmu;
/** Headers that carry rate-limit information; everything else in a dump is noise here. */
const INTERESTING =
  /^(?:retry-after(?:-ms)?|x-ms-retry-after-ms|x-ratelimit-[\w-]+|anthropic-ratelimit-[\w-]+|x-should-retry|ratelimit-[\w-]+)$/iu;

function waitFromHeaders(
  headers: Record<string, string>,
  now: Date,
): { seconds: number | null; from: string; resetAt: string | null } | null {
  const ms = headers["retry-after-ms"] ?? headers["x-ms-retry-after-ms"];
  if (ms && /^\d+(\.\d+)?$/u.test(ms))
    return { seconds: roundSeconds(Number(ms) / 1000), from: "retry-after-ms", resetAt: null };
  const ra = headers["retry-after"];
  if (ra) {
    if (/^\d+(\.\d+)?$/u.test(ra))
      return { seconds: Number(ra), from: "retry-after", resetAt: null };
    const date = new Date(ra);
    if (!Number.isNaN(date.getTime())) {
      return {
        seconds: Math.max(0, roundSeconds((date.getTime() - now.getTime()) / 1000)),
        from: "retry-after",
        resetAt: date.toISOString(),
      };
    }
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!/^x-ratelimit-reset-(?:requests|tokens)$/u.test(name)) continue;
    const seconds = parseGoDuration(value);
    if (seconds !== null) return { seconds, from: name, resetAt: null };
  }
  return null;
}

/** Response headers pasted from `curl -D -` or `curl -v`: status and the rate-limit headers. */
export const httpHeadersExtractor: StagedExtractor = staged((text, ctx) => {
  const status = STATUS_LINE.exec(text);
  const headers: Record<string, string> = {};
  for (const m of text.matchAll(HEADER_LINE)) {
    const name = (m[1] ?? "").toLowerCase();
    if (INTERESTING.test(name)) headers[name] = m[2] ?? "";
  }
  if (Object.keys(headers).length === 0) return NOTHING_AT_ANY_TIME;
  const found: Evidence = {
    kind: "http_headers",
    source: ctx.source,
    status: status?.[1] ? Number(status[1]) : null,
    headers,
  };
  // Only an HTTP-date Retry-After needs the time; the headers were read once.
  return (now) => {
    const wait = waitFromHeaders(headers, now);
    return wait ? [found, { kind: "retry_hint", source: ctx.source, ...wait }] : [found];
  };
});
