import type { Candidate } from "./merge-spans.js";
import { presentationEdits } from "./presentation.js";
import type { Edit } from "./types.js";

/** Part of the text read without its presentation, with the way back to source offsets. */
export interface PresentationView {
  text: string;
  /**
   * Maps a match in the view onto the source: encoded characters go with the secret, and a
   * prefix is kept only when the source shows it as it is.
   */
  toSource(candidate: Candidate): Candidate;
}

function lineStartBefore(text: string, at: number): number {
  return text.lastIndexOf("\n", at - 1) + 1;
}

function lineEndAfter(text: string, at: number): number {
  const nl = text.indexOf("\n", at);
  return nl === -1 ? text.length : nl;
}

/**
 * The whole lines that hold presentation, each run of them read as one view. Lines without any
 * are left to the plain scan, so ordinary text costs one pass over it and nothing more.
 */
export function presentationViews(
  source: string,
  edits: readonly Edit[] = presentationEdits(source),
): PresentationView[] {
  const views: PresentationView[] = [];
  let i = 0;
  while (i < edits.length) {
    const first = edits[i] as Edit;
    const from = lineStartBefore(source, first.start);
    let to = lineEndAfter(source, first.end);
    let j = i + 1;
    for (; j < edits.length; j++) {
      const edit = edits[j] as Edit;
      if (edit.start > to) break;
      // Most edits share a line with the one before: look for the line's end only past it.
      if (edit.end > to) to = lineEndAfter(source, edit.end);
    }
    views.push(viewOf(source, from, to, edits.slice(i, j)));
    i = j;
  }
  return views;
}

/**
 * Segments in parallel arrays (a view of a long escaped line has one per escape): segment k reads
 * `source[srcStart[k], srcEnd[k])` as view text from `viewStart[k]` to `viewStart[k + 1]`;
 * `edit[k]` is -1 where source and view are the same text.
 */
interface Segments {
  viewStart: number[];
  srcStart: number[];
  srcEnd: number[];
  edit: number[];
}

function viewOf(
  source: string,
  from: number,
  to: number,
  edits: readonly Edit[],
): PresentationView {
  const seg: Segments = { viewStart: [], srcStart: [], srcEnd: [], edit: [] };
  let text = "";
  const push = (srcStart: number, srcEnd: number, out: string, edit: number) => {
    seg.viewStart.push(text.length);
    seg.srcStart.push(srcStart);
    seg.srcEnd.push(srcEnd);
    seg.edit.push(edit);
    text += out;
  };
  let at = from;
  edits.forEach((edit, k) => {
    if (edit.start > at) push(at, edit.start, source.slice(at, edit.start), -1);
    push(edit.start, edit.end, edit.out, k);
    at = edit.end;
  });
  if (to > at) push(at, to, source.slice(at, to), -1);
  const count = seg.viewStart.length;
  const viewEnd = (k: number) => seg.viewStart[k + 1] ?? text.length;

  /** The segment that holds view position `pos`; empty segments (removed escapes) hold nothing. */
  const segmentAt = (pos: number): number => {
    let lo = 0;
    let hi = count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (pos < (seg.viewStart[mid] as number)) hi = mid - 1;
      else if (pos >= viewEnd(mid)) lo = mid + 1;
      else return mid;
    }
    return -1;
  };
  const startOf = (pos: number) => {
    const k = segmentAt(pos);
    if (k < 0) return to;
    const srcStart = seg.srcStart[k] as number;
    return seg.edit[k] === -1 ? srcStart + (pos - (seg.viewStart[k] as number)) : srcStart;
  };
  const endOf = (pos: number) => {
    const k = segmentAt(pos - 1);
    if (k < 0) return from;
    if (seg.edit[k] !== -1) return seg.srcEnd[k] as number;
    return (seg.srcStart[k] as number) + (pos - (seg.viewStart[k] as number));
  };

  return {
    text,
    toSource(c) {
      const start = startOf(c.start);
      const end = endOf(c.end);
      // A prefix with an escape in it is not the public prefix as the user sees it.
      const escaped = edits.some((e) => e.start >= start && e.start < start + c.keep);
      return { ...c, start, end, keep: escaped ? 0 : c.keep };
    },
  };
}
