/** A linear scale from data to pixels. */
export interface Scale {
  (value: number): number;
  ticks: number[];
}

/** Round steps (1, 2, 5 × 10^k) so that about `count` ticks cover [0, max]. */
export function niceTicks(max: number, count = 4, minStep = 0): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = Math.max(max / count, minStep);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  if ((ticks[ticks.length - 1] ?? 0) < max) ticks.push((ticks[ticks.length - 1] ?? 0) + step);
  return ticks;
}

/** Maps [0, top tick] onto [bottom, top] pixels (y grows downwards). */
export function yScale(max: number, bottom: number, top: number, minStep = 0): Scale {
  const ticks = niceTicks(max, 4, minStep);
  const domain = ticks[ticks.length - 1] ?? 1;
  const scale = ((v: number) => bottom - (v / domain) * (bottom - top)) as Scale;
  scale.ticks = ticks;
  return scale;
}

/** 950, 1.2k, 38k, 1.2M. */
export function compactNumber(n: number): string {
  const abs = Math.abs(n);
  const fmt = (v: number, unit: string) =>
    `${v >= 10 ? Math.round(v) : Math.round(v * 10) / 10}${unit}`;
  if (abs >= 1e9) return fmt(n / 1e9, "G");
  if (abs >= 1e6) return fmt(n / 1e6, "M");
  if (abs >= 1e3) return fmt(n / 1e3, "k");
  return String(Math.round(n * 100) / 100);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A tick label for an instant, as precise as the window needs (UTC). */
export function timeLabel(ms: number, windowMs: number): string {
  const d = new Date(ms);
  if (windowMs >= 86_400_000) return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return windowMs < 60_000 ? `${hm}:${pad(d.getUTCSeconds())}` : hm;
}
