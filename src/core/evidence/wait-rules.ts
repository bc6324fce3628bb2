import type { WaitRule } from "../../knowledge/schema.js";
import { nextMidnight, nextMonthStartUtc, parseGoDuration, roundSeconds } from "../durations.js";

export interface Wait {
  /** Seconds until the same request may succeed; null when unknown or when no short wait helps. */
  seconds: number | null;
  resetAt: string | null;
  from: string | null;
}

const NO_WAIT: Wait = { seconds: null, resetAt: null, from: null };

function headerValue(text: string, name: string): string | null {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(
    `(?:^|[\\s{,'"])${escaped}['"]?\\s*[:=]\\s*['"]?([^'"\\r\\n,}]{1,64})`,
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

function applyRule(rule: WaitRule, text: string, now: Date): Wait {
  switch (rule.kind) {
    case "try_again_in": {
      const m = /try again in ((?:\d+h)?(?:\d+m(?!s))?(?:\d+(?:\.\d+)?s|\d+ms)?)/iu.exec(text);
      const seconds = m?.[1] ? parseGoDuration(m[1]) : null;
      return seconds === null ? NO_WAIT : fromSeconds(seconds, "try again in", now);
    }
    case "retry_info": {
      const m =
        /["']?retryDelay["']?\s*[:=]\s*["']?(\d+(?:\.\d+)?)s/iu.exec(text) ??
        /retry in (\d+(?:\.\d+)?)\s*s/iu.exec(text);
      return m?.[1] ? fromSeconds(Number(m[1]), "retryDelay", now) : NO_WAIT;
    }
    case "retry_after_text": {
      const m =
        /retry after (\d+(?:\.\d+)?) seconds?/iu.exec(text) ??
        /retry-after:\s*(\d+(?:\.\d+)?)/iu.exec(text) ??
        /retrying in (\d+(?:\.\d+)?) seconds?/iu.exec(text);
      return m?.[1] ? fromSeconds(Number(m[1]), "retry-after", now) : NO_WAIT;
    }
    case "header": {
      const value = headerValue(text, rule.name);
      return value === null ? NO_WAIT : parseHeaderWait(rule.name, value, now);
    }
    case "reset_epoch_ms": {
      const value = headerValue(text, "X-RateLimit-Reset");
      return value && /^\d{12,14}$/.test(value)
        ? fromResetTime(new Date(Number(value)), "X-RateLimit-Reset", now)
        : NO_WAIT;
    }
    case "reset_epoch_s": {
      const value = headerValue(text, "x-ratelimit-reset");
      return value && /^\d{9,11}$/.test(value)
        ? fromResetTime(new Date(Number(value) * 1000), "x-ratelimit-reset", now)
        : NO_WAIT;
    }
    case "midnight":
      return fromResetTime(nextMidnight(now, rule.timeZone), `midnight ${rule.timeZone}`, now);
    case "month_start_utc":
      return fromResetTime(nextMonthStartUtc(now), "1st of the month 00:00 UTC", now);
    case "resets_at_text": {
      const m = /resets? (?:at|on) (\d{4}-\d{2}-\d{2}[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)/iu.exec(
        text,
      );
      return m?.[1] ? fromResetTime(new Date(m[1]), "resets at", now) : NO_WAIT;
    }
    case "never":
      return { seconds: null, resetAt: null, from: "never" };
  }
}

/** The first rule that yields a wait wins; rules are ordered in data from most to least trustworthy. */
export function computeWait(rules: readonly WaitRule[], text: string, now: Date): Wait {
  for (const rule of rules) {
    const wait = applyRule(rule, text, now);
    if (wait.from !== null) return wait;
  }
  return NO_WAIT;
}
