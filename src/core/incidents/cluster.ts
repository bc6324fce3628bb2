import type { IncidentRecord, IncidentSettings, SignatureHit } from "./types.js";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** What the window shows for one signature, and whether that opens an incident. */
export interface ClusterView {
  reporters: number;
  threadKeys: string[];
  /** The first hit inside the window (null when the window is empty). */
  firstAt: string | null;
  ratePerHour: number;
  baselinePerHour: number;
  opens: boolean;
  explanation: string;
}

/**
 * The usual rate of a signature, per hour, from the hits before the window: each older hit counts
 * 1/τ, fading with exp(-age/τ). This is the continuous form of an exponentially weighted moving
 * average, so the history needs no tick to decay: it is recomputed from the stored hits.
 */
export function baselinePerHour(
  hits: readonly SignatureHit[],
  windowStartMs: number,
  settings: IncidentSettings,
): number {
  const tau = settings.baselineHours;
  let rate = 0;
  for (const hit of hits) {
    const at = Date.parse(hit.at);
    if (at >= windowStartMs) continue;
    rate += Math.exp(-(windowStartMs - at) / HOUR_MS / tau) / tau;
  }
  return rate;
}

function formatRate(perHour: number): string {
  return perHour >= 10 ? perHour.toFixed(0) : perHour.toFixed(1);
}

/**
 * Whether the hits of one signature make an incident at `now`: at least N distinct reporters in
 * the last W minutes, at a rate `rateFactor` times the usual one. Pure; the explanation is the
 * sentence staff read ("7 reporters in 18 min; usual: 0.3/h").
 */
export function evaluateCluster(
  hits: readonly SignatureHit[],
  now: Date,
  settings: IncidentSettings,
): ClusterView {
  const windowStart = now.getTime() - settings.windowMinutes * MINUTE_MS;
  const inWindow = hits
    .filter((h) => {
      const at = Date.parse(h.at);
      return at >= windowStart && at <= now.getTime();
    })
    .sort((a, b) => a.at.localeCompare(b.at));
  const reporters = new Set(inWindow.map((h) => h.reporterKey)).size;
  const ratePerHour = reporters / (settings.windowMinutes / 60);
  const baseline = baselinePerHour(hits, windowStart, settings);
  const usual = Math.max(baseline, settings.baselineFloorPerHour);
  const firstAt = inWindow[0]?.at ?? null;
  const spanMin = firstAt
    ? Math.max(1, Math.round((now.getTime() - Date.parse(firstAt)) / MINUTE_MS))
    : 0;
  const opens = reporters >= settings.minReporters && ratePerHour >= settings.rateFactor * usual;
  const who = reporters === 1 ? "1 reporter" : `${reporters} reporters`;
  return {
    reporters,
    threadKeys: [...new Set(inWindow.map((h) => h.threadKey))],
    firstAt,
    ratePerHour,
    baselinePerHour: baseline,
    opens,
    explanation: `${who} in ${spanMin} min; usual: ${formatRate(baseline)}/h`,
  };
}

/** An open incident ends once no matching thread arrived for `quietMinutes`. */
export function isQuiet(incident: IncidentRecord, now: Date, settings: IncidentSettings): boolean {
  return (
    incident.closedAt === null &&
    now.getTime() - Date.parse(incident.lastHitAt) >= settings.quietMinutes * MINUTE_MS
  );
}
