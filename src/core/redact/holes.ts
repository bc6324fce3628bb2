import type { Edit, Hole, SecretSpan } from "./types.js";

/**
 * Gives each span the presentation inside it as holes, to be written back after its marker:
 * a colour code or a wrapped line's break is never part of a secret, whichever scan found it
 * (a plain match runs over the codes around a PEM body's lines, too). Both lists are sorted.
 */
export function withHoles(spans: SecretSpan[], edits: readonly Edit[]): SecretSpan[] {
  const drops = edits.flatMap((e) => (e.drop ? [e] : (e.inner ?? [])));
  if (drops.length === 0) return spans;
  let next = 0;
  return spans.map((span) => {
    const from = span.start + span.keep;
    while (next < drops.length && (drops[next] as Edit).start < from) next++;
    const holes: Hole[] = [];
    for (let i = next; i < drops.length; i++) {
      const drop = drops[i] as Edit;
      if (drop.start >= span.end) break;
      if (drop.end <= span.end) holes.push({ start: drop.start, end: drop.end });
    }
    return holes.length > 0 ? { ...span, holes } : span;
  });
}
