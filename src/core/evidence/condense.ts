/** Texts up to this size are read whole by the prose extractors. */
export const CONDENSE_ABOVE_CHARS = 100_000;
/** The condensed view of a larger text stops here. */
export const CONDENSED_MAX_CHARS = 200_000;

/**
 * A large paste is mostly log lines that differ only in numbers (timestamps, ids, latencies).
 * Prose extractors read one line of each shape, in order: the same evidence at a fraction of the
 * cost, so a 1 MB paste analyses in well under a second. Structured readers (traces) still get
 * the whole text.
 */
export function condenseForProse(text: string): string {
  if (text.length <= CONDENSE_ABOVE_CHARS) return text;
  const seen = new Set<string>();
  const kept: string[] = [];
  let size = 0;
  for (const line of text.split("\n")) {
    const shape = line.replace(/\d+/g, "0").slice(0, 400);
    if (seen.has(shape)) continue;
    seen.add(shape);
    kept.push(line);
    size += line.length + 1;
    if (size >= CONDENSED_MAX_CHARS) break;
  }
  return kept.join("\n");
}
