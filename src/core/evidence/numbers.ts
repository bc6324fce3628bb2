/** "1M" → 1000000, "225k" → 225000, "1,000" → 1000, "1.5k" → 1500; null when not a number. */
export function parseAmount(text: string): number | null {
  const m = /^~?\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*([kKmMbB])?$/.exec(text.trim());
  if (!m?.[1]) return null;
  const base = Number(m[1].replace(/,/g, ""));
  const unit = m[2]?.toLowerCase();
  const factor = unit === "k" ? 1e3 : unit === "m" ? 1e6 : unit === "b" ? 1e9 : 1;
  return Math.round(base * factor);
}

/** The amount pattern used inside larger regexes. */
export const AMOUNT = String.raw`~?\d{1,3}(?:,\d{3})+(?:\.\d+)?|~?\d+(?:\.\d+)?\s?[kKmMbB]?`;
