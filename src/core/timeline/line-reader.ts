import { dayOf, stampAtStart } from "./clock.js";
import { exchange, resetValueMs, textLineEvents } from "./text-line-events.js";
import { traceLineEvents } from "./trace-line-events.js";
import type { TimelineEvent } from "./types.js";

const STATUS_LINE = /^\s*(?:<\s*)?HTTP\/[\d.]+\s+(\d{3})\b/i;
const HEADER = /^\s*(?:<\s*)?([A-Za-z][\w-]*)\s*:\s*(.+?)\s*$/;
const RESET_HEADERS = /^(retry-after|x-ratelimit-reset(?:-requests|-tokens)?|ratelimit-reset)$/i;
/** Anthropic's resets are instants, not durations. */
const RESET_AT_HEADERS = /^anthropic-ratelimit-[\w-]*reset$/i;

/**
 * Log lines are short; the text rules look at this much of a line at most, so a pasted megabyte
 * on one line costs a slice, not a long regular-expression scan.
 */
const TEXT_CHARS = 4096;

/** Reads lines one by one and hands over the events they carry. */
export interface LineReader {
  line(text: string): void;
}

/**
 * One reader per paste or file: it remembers the day for bare HH:MM:SS stamps and the state of an
 * HTTP header dump (a status line, then `date:`, then the reset headers, in any order). Weak events
 * (bare 429 mentions) are held until the end and passed on only if nothing stronger was found.
 */
export function createLineReader(
  emit: (event: TimelineEvent) => void,
): LineReader & { end(): void } {
  let dayMs = 0;
  let strong = 0;
  const weak: TimelineEvent[] = [];
  const headers = {
    status: null as number | null,
    dateMs: null as number | null,
    pendingResetMs: null as number | null,
  };

  const push = (event: TimelineEvent) => {
    strong++;
    emit(event);
  };

  function header(name: string, value: string): boolean {
    if (/^date$/i.test(name)) {
      const ms = Date.parse(value);
      if (!Number.isFinite(ms)) return true;
      headers.dateMs = ms;
      if (headers.status !== null) {
        for (const e of exchange(ms, null, headers.status)) push(e);
        headers.status = null;
      }
      if (headers.pendingResetMs !== null)
        push({ kind: "reset", atMs: ms + headers.pendingResetMs });
      headers.pendingResetMs = null;
      return true;
    }
    if (RESET_AT_HEADERS.test(name)) {
      const at = Date.parse(value);
      if (Number.isFinite(at)) push({ kind: "reset", atMs: at });
      return true;
    }
    if (!RESET_HEADERS.test(name)) return false;
    const wait = resetValueMs(value);
    if (wait === null) return true;
    if (headers.dateMs !== null) push({ kind: "reset", atMs: headers.dateMs + wait });
    else headers.pendingResetMs = Math.max(headers.pendingResetMs ?? 0, wait);
    return true;
  }

  function jsonLogLine(text: string): boolean {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return false;
    }
    if (!value || typeof value !== "object") return false;
    const record = value as Record<string, unknown>;
    const meta = record._meta as Record<string, unknown> | undefined;
    const time = record.time ?? record.timestamp ?? record.ts ?? meta?.date;
    const message = record.message ?? record.msg;
    const atMs =
      typeof time === "string" ? Date.parse(time) : typeof time === "number" ? time : Number.NaN;
    if (!Number.isFinite(atMs) || typeof message !== "string") return false;
    dayMs = dayOf(atMs);
    take(textLineEvents(message.slice(0, TEXT_CHARS), atMs));
    return true;
  }

  function take(found: ReturnType<typeof textLineEvents>): void {
    for (const e of found.events) push(e);
    weak.push(...found.weak.slice(0, Math.max(0, 10_000 - weak.length)));
  }

  return {
    line(whole: string): void {
      const trimmedWhole = whole.trimStart();
      if (trimmedWhole.startsWith("{") && trimmedWhole.includes('"stage":')) {
        for (const e of traceLineEvents(trimmedWhole)) push(e);
        return;
      }
      const text = whole.length > TEXT_CHARS ? whole.slice(0, TEXT_CHARS) : whole;
      const trimmed = text.trimStart();
      if (trimmedWhole.startsWith("{") && trimmedWhole.length < 65_536 && jsonLogLine(trimmedWhole))
        return;
      const status = STATUS_LINE.exec(trimmed);
      if (status?.[1] !== undefined) {
        headers.status = Number(status[1]);
        return;
      }
      const stamped = stampAtStart(text, dayMs);
      if (stamped) {
        if (stamped.dated) dayMs = dayOf(stamped.atMs);
        take(textLineEvents(stamped.rest, stamped.atMs));
        return;
      }
      const h = HEADER.exec(trimmed);
      if (h?.[1] !== undefined && h[2] !== undefined) header(h[1], h[2]);
    },
    end(): void {
      if (strong === 0) for (const e of weak) emit(e);
      weak.length = 0;
    },
  };
}
