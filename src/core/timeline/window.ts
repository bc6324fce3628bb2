const S = 1000;
const M = 60 * S;
const H = 60 * M;

/** Fine resolutions the builder keeps while reading; each coarser one is a multiple of the last. */
export const RESOLUTIONS = [S, 10 * S, M, 10 * M, H, 24 * H] as const;

/** Windows a chart may use: each is a multiple of every resolution not above it. */
const WINDOWS = [
  S,
  2 * S,
  5 * S,
  10 * S,
  30 * S,
  M,
  2 * M,
  5 * M,
  10 * M,
  30 * M,
  H,
  2 * H,
  6 * H,
  12 * H,
  24 * H,
];

/** At most this many bars: wider ones stay readable at a chat preview's 400–550 px. */
export const MAX_BUCKETS = 48;

/** The smallest window (not finer than what was kept) that shows the span in MAX_BUCKETS bars. */
export function chooseWindow(spanMs: number, resolutionMs: number): number {
  for (const w of WINDOWS)
    if (w >= resolutionMs && Math.ceil((spanMs + 1) / w) <= MAX_BUCKETS) return w;
  // Longer than 48 days (or a stray stamp years away): whole days, still at most 48 bars.
  return Math.ceil((spanMs + 1) / (MAX_BUCKETS * 24 * H)) * 24 * H + 24 * H;
}

/** "10 s", "5 min", "1 h", "1 day". */
export function windowLabel(ms: number): string {
  if (ms >= 24 * H) return ms === 24 * H ? "1 day" : `${ms / (24 * H)} days`;
  if (ms >= H) return `${ms / H} h`;
  if (ms >= M) return `${ms / M} min`;
  return `${ms / S} s`;
}
