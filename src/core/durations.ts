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
