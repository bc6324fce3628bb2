import { markerAfter, previewOf } from "./marker.js";
import type { RedactedPiece, Redaction, SecretSpan } from "./types.js";

export function redactionOf(span: SecretSpan, text: string): Redaction {
  const { rule } = span;
  return {
    kind: rule.id,
    preview: previewOf(text.slice(span.start, span.end), span.keep),
    title: rule.title,
    ...(rule.titlePlural ? { titlePlural: rule.titlePlural } : {}),
    ...(rule.rotate ? { rotate: rule.rotate } : {}),
    ...(rule.rotateHint ? { rotateHint: rule.rotateHint } : {}),
  };
}

/**
 * Cuts `text[from, to)` into kept source pieces and inserted markers; a span's holes follow its
 * marker, so presentation inside a secret survives it. Spans must be sorted, disjoint and inside
 * the range. Kept prefixes and holes stay source text, so a byte-oriented caller can write every
 * source piece back exactly as it was read.
 */
export function applySpans(
  text: string,
  spans: readonly SecretSpan[],
  from: number,
  to: number,
): { pieces: RedactedPiece[]; redactions: Redaction[] } {
  const pieces: RedactedPiece[] = [];
  const redactions: Redaction[] = [];
  let at = from;
  for (const span of spans) {
    const keptEnd = span.start + span.keep;
    if (keptEnd > at) pieces.push({ text: text.slice(at, keptEnd), inserted: false });
    pieces.push({ text: markerAfter(span.keep), inserted: true });
    for (const hole of span.holes ?? [])
      pieces.push({ text: text.slice(hole.start, hole.end), inserted: false });
    redactions.push(redactionOf(span, text));
    at = span.end;
  }
  if (to > at) pieces.push({ text: text.slice(at, to), inserted: false });
  return { pieces, redactions };
}
