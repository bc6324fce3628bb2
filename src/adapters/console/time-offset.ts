const UNITS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 };

/** "+6h", "+1h30m", "2d", "+45m" → milliseconds; null when it is not a duration. */
export function parseOffset(text: string): number | null {
  const body = text.trim().replace(/^\+/, "");
  if (!/^(?:\d+(?:\.\d+)?[dhms])+$/i.test(body)) return null;
  let ms = 0;
  for (const [, n, unit] of body.toLowerCase().matchAll(/(\d+(?:\.\d+)?)([dhms])/g)) {
    ms += Number(n) * (UNITS[unit ?? "s"] ?? 0);
  }
  return Math.round(ms);
}

/** 93_600_000 → "+26h"; 5_400_000 → "+1h30m". */
export function formatOffset(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `+${h > 0 ? `${h}h` : ""}${m > 0 || h === 0 ? `${m}m` : ""}`;
}
