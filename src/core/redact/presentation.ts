/**
 * How a paste hides a secret from a plain scan: terminal escape sequences, JSON or shell
 * escaping, percent-encoding, and hard wraps (bare or inside a drawn box, LF or CRLF). A CR
 * alone needs no edit: it ends a token in the plain scan as a space does.
 * Each is found as an edit: a source range and what it stands for in the normalised view.
 */
import { inlineEdits } from "./escapes.js";
import { lineEdits } from "./line-layout.js";
import type { Edit } from "./types.js";

/**
 * Inline edits of the text as its layout joins it, mapped back: a wrap can cut through an escape
 * (`\\u00⏎1b[0m`), which is then one edit around the layout inside it.
 */
function inlineEditsThrough(text: string, layout: readonly Edit[]): Edit[] {
  const pieceAt: number[] = [];
  const pieceSrc: number[] = [];
  let joined = "";
  let at = 0;
  for (const edit of [...layout, { start: text.length, end: text.length, out: "", drop: true }]) {
    if (edit.start > at) {
      pieceAt.push(joined.length);
      pieceSrc.push(at);
      joined += text.slice(at, edit.start);
    }
    at = edit.end;
  }
  const srcOf = (pos: number) => {
    let lo = 0;
    let hi = pieceAt.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((pieceAt[mid] as number) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return (pieceSrc[lo] as number) + pos - (pieceAt[lo] as number);
  };
  const found: Edit[] = [];
  inlineEdits(joined, found);
  return found.map((e) => {
    const start = srcOf(e.start);
    const end = srcOf(e.end - 1) + 1;
    if (end - start === e.end - e.start) return { ...e, start, end };
    const inner = layout.filter((l) => l.start >= start && l.end <= end);
    return { ...e, start, end, inner };
  });
}

/** Every presentation edit in `text`, sorted and disjoint. */
export function presentationEdits(text: string): Edit[] {
  const layout = lineEdits(text);
  const inline: Edit[] = [];
  if (layout.length > 0) inline.push(...inlineEditsThrough(text, layout));
  else {
    // Escapes alone come out in order and disjoint: nothing to sort.
    inlineEdits(text, inline);
    return inline;
  }
  const found = layout.concat(inline);
  // An escape cut by a wrap comes first and covers the layout inside it.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const edits: Edit[] = [];
  let reached = 0;
  for (const edit of found) {
    if (edit.start < reached) continue;
    edits.push(edit);
    reached = edit.end;
  }
  return edits;
}
