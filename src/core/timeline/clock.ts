/** Timestamps as logs write them, at the start of a line (after an optional `[` or level). */
const ISO_AT_START =
  /^\s*\[?(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:[.,]\d{1,6})?)(Z|[+-]\d{2}:?\d{2})?\]?\s*/;
const TIME_AT_START = /^\s*\[?(\d{2}:\d{2}:\d{2}(?:[.,]\d{1,6})?)\]?\s+/;

export interface Stamped {
  atMs: number;
  /** The text after the timestamp. */
  rest: string;
  /** Whether the stamp carried a date (a time alone is placed on the last date seen). */
  dated: boolean;
}

function normalise(date: string, time: string, zone: string | undefined): number {
  const clock = time.replace(",", ".");
  // A zone-less stamp is read as UTC: gateway consoles print UTC, and a chart needs one clock.
  const iso = `${date}T${clock}${zone === undefined ? "Z" : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
  return Date.parse(iso);
}

/** The time a line starts with, or null; `dayMs` places a bare HH:MM:SS on a known day. */
export function stampAtStart(line: string, dayMs: number): Stamped | null {
  const iso = ISO_AT_START.exec(line);
  if (iso?.[1] !== undefined && iso[2] !== undefined) {
    const atMs = normalise(iso[1], iso[2], iso[3]);
    if (Number.isFinite(atMs)) return { atMs, rest: line.slice(iso[0].length), dated: true };
  }
  const bare = TIME_AT_START.exec(line);
  if (bare?.[1] !== undefined) {
    const day = new Date(dayMs).toISOString().slice(0, 10);
    const atMs = normalise(day, bare[1], undefined);
    if (Number.isFinite(atMs)) return { atMs, rest: line.slice(bare[0].length), dated: false };
  }
  return null;
}

/** Start of the UTC day of an instant. */
export function dayOf(ms: number): number {
  return ms - (((ms % 86_400_000) + 86_400_000) % 86_400_000);
}
