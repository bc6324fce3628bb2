import type { Extractor } from "./extractor.js";
import type { Evidence } from "./types.js";

/** Seconds per unit word, as people and products write them ("7 hours 40 minutes", "2h05m", "41.5s"). */
const UNIT_SECONDS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:d|days?)$/iu, 86_400],
  [/^(?:h|hrs?|hours?)$/iu, 3600],
  [/^(?:m|mins?|minutes?)$/iu, 60],
  [/^(?:s|secs?|seconds?)$/iu, 1],
];
const PART = String.raw`(\d+(?:\.\d+)?|an?)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b`;
const DURATION = new RegExp(
  String.raw`^(?:~|about |approximately |around )?(?:${PART}[\s,]*(?:and\s+)?){1,3}`,
  "iu",
);
const PART_GLOBAL = new RegExp(PART, "giu");

/** Phrases that announce the provider's (or product's) wait; a duration or a clock time follows. */
const WAIT_LEAD =
  /\b(?:try(?:ing)? again|retry|available again|back|resets?|refresh(?:es)?|renews?|unlocks?|comes? back|wait(?:ing)?)\s+(in|after|at|on)\s+/giu;
/** The tool's own retry schedule ("Retrying in 4 s (attempt 2/10)") is not the provider's wait. */
const OWN_RETRY_SCHEDULE = /^[^\n]{0,40}\battempt\s+\d+/iu;
/** "resets 1:30am", "try again at Jul 5th", "refreshes at 00:00 UTC": a reset hours or days away. */
const CLOCK_OR_DATE =
  /^(?:\d{1,2}(?::\d\d)?\s*(?:am|pm|utc|gmt)|\d{1,2}:\d\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d{4}-\d\d-\d\d|midnight|tomorrow)/iu;

function durationSeconds(text: string): number | null {
  const head = DURATION.exec(text);
  if (!head) return null;
  let total = 0;
  for (const m of head[0].matchAll(PART_GLOBAL)) {
    const amount = /^an?$/iu.test(m[1] ?? "") ? 1 : Number(m[1]);
    const unit = UNIT_SECONDS.find(([re]) => re.test(m[2] ?? ""));
    if (unit) total += amount * unit[1];
  }
  return total > 0 ? total : null;
}

/**
 * Waits written anywhere in the text, outside a recognised error body: "try again in 7 hours 40
 * minutes", "resets in 2h05m", "back in 3h12m", "resets 1:30am", "refreshes at 00:00 UTC". A
 * clock time or a date means a reset hours away, recorded without seconds.
 */
export const waitTextExtractor: Extractor = (text, ctx) => {
  const out: Evidence[] = [];
  const resetClock: Evidence = {
    kind: "retry_hint",
    source: ctx.source,
    seconds: null,
    from: "text:reset_clock",
    resetAt: null,
  };
  for (const lead of text.matchAll(WAIT_LEAD)) {
    const after = text.slice(
      (lead.index ?? 0) + lead[0].length,
      (lead.index ?? 0) + lead[0].length + 60,
    );
    if (OWN_RETRY_SCHEDULE.test(after) || /^retrying/iu.test(lead[0])) continue;
    const seconds =
      lead[1]?.toLowerCase() === "in" || lead[1]?.toLowerCase() === "after"
        ? durationSeconds(after)
        : null;
    if (seconds !== null) {
      out.push({ kind: "retry_hint", source: ctx.source, seconds, from: "text", resetAt: null });
      continue;
    }
    if (CLOCK_OR_DATE.test(after)) out.push(resetClock);
  }
  // "resets 1:30am (Asia/Dhaka)" has no preposition.
  if (/\bresets?\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)/iu.test(text)) out.push(resetClock);
  return out;
};
