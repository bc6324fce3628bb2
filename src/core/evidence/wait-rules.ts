import type { WaitRule } from "../../knowledge/schema.js";
import {
  localParts,
  nextLocalTime,
  nextMidnight,
  nextMonthStartUtc,
  parseGoDuration,
  roundSeconds,
  zonedTimeToInstant,
} from "../durations.js";

export interface Wait {
  /** Seconds until the same request may succeed; null when unknown or when no short wait helps. */
  seconds: number | null;
  resetAt: string | null;
  from: string | null;
}

const NO_WAIT: Wait = { seconds: null, resetAt: null, from: null };

/**
 * A header's value as pasted: `Name: value` lines (curl -i), JSON or dict echoes (`"Name":"value"`,
 * OpenRouter's error.metadata.headers). An HTTP-date keeps its comma ("Wed, 21 Oct 2015 07:28:00 GMT").
 */
function headerValue(text: string, name: string): string | null {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(
    `(?:^|[\\s{,'"])${escaped}['"]?\\s*[:=]\\s*['"]?([A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT|[^'"\\r\\n,}]{1,64})`,
    "imu",
  ).exec(text);
  return match?.[1]?.trim() ?? null;
}

function fromSeconds(seconds: number, from: string, now: Date): Wait {
  return {
    seconds: roundSeconds(seconds),
    resetAt: new Date(now.getTime() + seconds * 1000).toISOString(),
    from,
  };
}

function fromResetTime(reset: Date, from: string, now: Date): Wait {
  if (Number.isNaN(reset.getTime())) return NO_WAIT;
  const seconds = Math.max(0, (reset.getTime() - now.getTime()) / 1000);
  return { seconds: roundSeconds(seconds), resetAt: reset.toISOString(), from };
}

/** A header value in seconds, or an HTTP date, or a Go duration ("6m0s"). */
function parseHeaderWait(name: string, value: string, now: Date): Wait {
  if (/-ms$/i.test(name) && /^\d+(\.\d+)?$/.test(value))
    return fromSeconds(Number(value) / 1000, name, now);
  if (/^\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    // Epoch values in a reset header: ms (13 digits, OpenRouter) or s (10 digits, GitHub/Discord).
    if (n > 1e12) return fromResetTime(new Date(n), name, now);
    if (n > 1e9) return fromResetTime(new Date(n * 1000), name, now);
    return fromSeconds(n, name, now);
  }
  const go = parseGoDuration(value);
  if (go !== null) return fromSeconds(go, name, now);
  const date = new Date(value);
  if (!Number.isNaN(date.getTime()) && /\d{4}|GMT/.test(value))
    return fromResetTime(date, name, now);
  return NO_WAIT;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** "2026-05-15T15:00:00Z"; a time without a zone is read as UTC so the result never depends on the host. */
function parseIsoUtc(text: string): Date {
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/iu.test(text) ? text : `${text}Z`;
  return new Date(zoned.replace(" ", "T"));
}

/** "resets 8:30pm (Asia/Tokyo)", "resets Jul 31, 2am (UTC)": Claude Code's subscription banners. */
function localResetTime(text: string, now: Date): Date | null {
  const m =
    /\bresets\s+(?:([a-z]{3})[a-z]* (\d{1,2}),\s*)?(\d{1,2})(?::(\d{2}))?\s*([ap]m)\s*\(([a-z][\w+-]{0,30}(?:\/[\w+-]{1,30}){0,2})\)/iu.exec(
      text,
    );
  if (!m?.[3] || !m[5] || !m[6]) return null;
  const hour = (Number(m[3]) % 12) + (m[5].toLowerCase() === "pm" ? 12 : 0);
  const minute = Number(m[4] ?? 0);
  const zone = m[6];
  try {
    if (!m[1] || !m[2]) return nextLocalTime(now, hour, minute, zone);
    const month = MONTHS.indexOf(m[1].toLowerCase()) + 1;
    if (month === 0) return null;
    const { year } = localParts(now, zone);
    const reset = zonedTimeToInstant(year, month, Number(m[2]), hour, minute, zone);
    // "resets Jan 2" read on Dec 30 is next year's; a date a few days past is a stale paste.
    const weekMs = 7 * 24 * 3600 * 1000;
    return reset.getTime() < now.getTime() - weekMs
      ? zonedTimeToInstant(year + 1, month, Number(m[2]), hour, minute, zone)
      : reset;
  } catch {
    return null; // not a zone Intl knows
  }
}

/** A wait read from the text, still to be set against the analysis time. */
export type WaitAt = (now: Date) => Wait;

const noWait: WaitAt = () => NO_WAIT;
const afterSeconds =
  (seconds: number, from: string): WaitAt =>
  (now) =>
    fromSeconds(seconds, from, now);
const untilReset =
  (reset: Date, from: string): WaitAt =>
  (now) =>
    fromResetTime(reset, from, now);

/** A reset time written in the text itself. */
function resetsAtText(text: string): WaitAt {
  const iso =
    /resets? (?:at|on) (\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)/iu.exec(
      text,
    );
  if (iso?.[1]) return untilReset(parseIsoUtc(iso[1]), "resets at");
  // Anthropic spend cap: "You will regain access on 2026-09-01 at 00:00 UTC." (platform.claude.com, 2026).
  const regain = /regain access on (\d{4}-\d{2}-\d{2}) at (\d{2}:\d{2}) UTC/iu.exec(text);
  if (regain?.[1] && regain[2])
    return untilReset(new Date(`${regain[1]}T${regain[2]}:00Z`), "regain access on");
  // Claude Code 2025: "Claude AI usage limit reached|1760000400", the reset in Unix epoch seconds.
  const epoch = /usage limit reached\|(\d{9,11})\b/iu.exec(text);
  if (epoch?.[1]) return untilReset(new Date(Number(epoch[1]) * 1000), "usage limit reset");
  return (now) => {
    const local = localResetTime(text, now);
    return local ? fromResetTime(local, "resets (local time)", now) : NO_WAIT;
  };
}

/**
 * What one rule reads in the text, as a function of the time: the text is searched once, and
 * only the arithmetic with `now` is left (null: this rule finds no wait, whatever the time).
 */
function readRule(rule: WaitRule, text: string): WaitAt | null {
  switch (rule.kind) {
    case "try_again_in": {
      // \s+: Codex CLI wraps "Please try again in\n20ms" (provider-errors.json openai-429-rpm-project-stream).
      const m = /try again in\s+((?:\d+h)?(?:\d+m(?!s))?(?:\d+(?:\.\d+)?s|\d+ms)?)/iu.exec(text);
      const seconds = m?.[1] ? parseGoDuration(m[1]) : null;
      return seconds === null ? null : afterSeconds(seconds, "try again in");
    }
    case "retry_info": {
      const m =
        /["']?retryDelay["']?\s*[:=]\s*["']?(\d+(?:\.\d+)?)s/iu.exec(text) ??
        /retry in (\d+(?:\.\d+)?)\s*s/iu.exec(text);
      return m?.[1] ? afterSeconds(Number(m[1]), "retryDelay") : null;
    }
    case "retry_after_text": {
      // Not "Retrying in 32 seconds… (attempt 7/10)": that is the tool's own backoff schedule (Claude
      // Code, openclaude), not a wait the provider stated (provider-errors.json moonshot-429-project-tpm
      // shows "Retrying in 60 seconds" on an error no wait fixes).
      const m =
        /retry after (\d+(?:\.\d+)?) seconds?/iu.exec(text) ??
        /retry-after:\s*(\d+(?:\.\d+)?)/iu.exec(text);
      return m?.[1] ? afterSeconds(Number(m[1]), "retry-after") : null;
    }
    case "header": {
      const value = headerValue(text, rule.name);
      return value === null ? null : (now) => parseHeaderWait(rule.name, value, now);
    }
    case "reset_epoch_ms": {
      const value = headerValue(text, "X-RateLimit-Reset");
      return value && /^\d{12,14}$/.test(value)
        ? untilReset(new Date(Number(value)), "X-RateLimit-Reset")
        : null;
    }
    case "reset_epoch_s": {
      const value = headerValue(text, "x-ratelimit-reset");
      return value && /^\d{9,11}$/.test(value)
        ? untilReset(new Date(Number(value) * 1000), "x-ratelimit-reset")
        : null;
    }
    case "midnight":
      return (now) =>
        fromResetTime(nextMidnight(now, rule.timeZone), `midnight ${rule.timeZone}`, now);
    case "month_start_utc":
      return (now) => fromResetTime(nextMonthStartUtc(now), "1st of the month 00:00 UTC", now);
    case "resets_at_text":
      return resetsAtText(text);
    case "never":
      return () => ({ seconds: null, resetAt: null, from: "never" });
  }
}

/**
 * The rules read against the text once; the wait is then worked out for any time. The first
 * rule that yields a wait wins; rules are ordered in data from most to least trustworthy.
 */
export function readWait(rules: readonly WaitRule[], text: string): WaitAt {
  const readings = rules.map((rule) => readRule(rule, text)).filter((r) => r !== null);
  if (readings.length === 0) return noWait;
  return (now) => {
    for (const at of readings) {
      const wait = at(now);
      if (wait.from !== null) return wait;
    }
    return NO_WAIT;
  };
}

/** The wait the rules find in the text at `now`. */
export function computeWait(rules: readonly WaitRule[], text: string, now: Date): Wait {
  return readWait(rules, text)(now);
}
