/**
 * "Fixed in 2026.3.2", "released in v1.4.0", "shipped with 2026.3": maintainers name the release
 * in the closing comment more often than in a milestone. The last mention wins.
 */
const FIXED_IN =
  /\b(?:fixed|released|shipped|available|landed|lands)\b[^\n]{0,40}?\bv?(\d+\.\d+(?:\.\d+)?(?:-[0-9A-Za-z.]+)?)/gi;

export function fixedInVersion(texts: readonly string[]): string | null {
  let found: string | null = null;
  for (const text of texts) for (const m of text.matchAll(FIXED_IN)) found = m[1] ?? found;
  return found;
}
