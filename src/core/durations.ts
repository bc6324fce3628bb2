/** Parses Go-style durations as OpenAI and Groq print them: "20ms", "1.574s", "7m12s", "1h2m3.5s". */
export function parseGoDuration(text: string): number | null {
  const match =
    /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s|(\d+(?:\.\d+)?)ms)?$/.exec(
      text.trim(),
    );
  if (!match || text.trim() === "") return null;
  const [, h, m, s, ms] = match;
  if (h === undefined && m === undefined && s === undefined && ms === undefined) return null;
  const seconds =
    Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0) + Number(ms ?? 0) / 1000;
  return roundSeconds(seconds);
}

/** Rounds to milliseconds so float noise ("6.780999999s") stays readable. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** Offset of a time zone from UTC at an instant, in ms (positive east of UTC). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The next local midnight in `timeZone` after `now` (Gemini per-day quotas: America/Los_Angeles). */
export function nextMidnight(now: Date, timeZone: string): Date {
  const offset = zoneOffsetMs(now.getTime(), timeZone);
  const local = new Date(now.getTime() + offset);
  const localMidnight = Date.UTC(
    local.getUTCFullYear(),
    local.getUTCMonth(),
    local.getUTCDate() + 1,
  );
  // The offset at midnight can differ from now's across a DST change: correct once.
  let instant = localMidnight - offset;
  instant = localMidnight - zoneOffsetMs(instant, timeZone);
  return new Date(instant);
}

/**
 * The instant a wall-clock time in `timeZone` names (month 1-12). When clocks go back and the time
 * occurs twice, the earlier instant; when they go forward and it does not exist, the time read with
 * the offset from before the change (02:30 on a spring-forward night is 03:30 summer time), as
 * Temporal's "compatible" disambiguation does.
 */
export function zonedTimeToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const dayMs = 24 * 3600 * 1000;
  // A zone changes offset at most once around a given day: the offsets a day before and after
  // are the only candidates.
  const before = zoneOffsetMs(wall - dayMs, timeZone);
  const after = zoneOffsetMs(wall + dayMs, timeZone);
  const valid = [wall - before, wall - after].filter(
    (instant) => instant + zoneOffsetMs(instant, timeZone) === wall,
  );
  return new Date(valid.length > 0 ? Math.min(...valid) : wall - before);
}

/** The local calendar date and clock in `timeZone` at an instant. */
export function localParts(
  now: Date,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number } {
  const local = new Date(now.getTime() + zoneOffsetMs(now.getTime(), timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

/**
 * The next instant after `now` whose wall clock in `timeZone` reads hour:minute (Claude Code's
 * "resets 8:30pm (Asia/Tokyo)"). Throws RangeError for an unknown zone, as Intl does.
 */
export function nextLocalTime(now: Date, hour: number, minute: number, timeZone: string): Date {
  const today = localParts(now, timeZone);
  const candidate = zonedTimeToInstant(today.year, today.month, today.day, hour, minute, timeZone);
  if (candidate.getTime() > now.getTime()) return candidate;
  const tomorrow = new Date(Date.UTC(today.year, today.month - 1, today.day + 1));
  return zonedTimeToInstant(
    tomorrow.getUTCFullYear(),
    tomorrow.getUTCMonth() + 1,
    tomorrow.getUTCDate(),
    hour,
    minute,
    timeZone,
  );
}

/** 00:00 UTC on the 1st of next month (Anthropic spend caps). */
export function nextMonthStartUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

/** "in 6 h 12 min", "in 37 s": for replies. */
export function humanizeSeconds(seconds: number): string {
  if (seconds < 90) return `${roundSeconds(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * An instant as people read it in a reply: "07:00 UTC" today, "2026-11-28 07:00 UTC" on another
 * day (UTC days: the reply states UTC). The ISO date reads the same in every language.
 */
export function clockUtc(iso: string, now: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const stamp = at.toISOString();
  const time = `${stamp.slice(11, 16)} UTC`;
  return stamp.slice(0, 10) === now.toISOString().slice(0, 10)
    ? time
    : `${stamp.slice(0, 10)} ${time}`;
}
