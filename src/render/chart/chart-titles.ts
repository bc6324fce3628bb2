import type { Timeline } from "../../core/timeline/types.js";
import { windowLabel } from "../../core/timeline/window.js";

function spanLabel(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 2 * 3600) return `${Math.round(s / 60)} min`;
  if (s < 2 * 86_400) return `${Math.round(s / 360) / 10} h`;
  return `${Math.round(s / 8640) / 10} days`;
}

/** What the chart shows, in one line: the model(s), the 429s and how long it went on. */
export function chartTitle(t: Timeline): string {
  const bare = t.models.map((m) => m.slice(m.lastIndexOf("/") + 1));
  // The chain itself is drawn at each switch; the title names where it started.
  const fallbacks = bare.length - 1;
  const who =
    bare.length === 0
      ? "Requests"
      : `${bare[0]}${fallbacks > 0 ? ` and ${fallbacks} fallback${fallbacks > 1 ? "s" : ""}` : ""}`;
  const span = spanLabel(t.endMs - t.startMs);
  const limited = t.totals.rateLimited;
  const what =
    limited > 0 ? `${limited} × 429` : `${t.totals.requests + t.totals.retries} requests`;
  const retries = t.totals.retries > 0 ? `, ${t.totals.retries} retries` : "";
  const line = `${who}: ${what}${retries} in ${span}`;
  return line.length > 62 ? `${line.slice(0, 61)}…` : line;
}

/** The window and the clock, so nobody reads a 10-second bar as a minute. */
export function chartSubtitle(t: Timeline): string {
  const day = new Date(t.startMs).toISOString().slice(0, 10);
  const tier = t.limits.tier ? ` · tier: ${t.limits.tier}` : "";
  return `Bars: requests per ${windowLabel(t.windowMs)} · times in UTC from ${day}${tier}`;
}

export { windowLabel };
