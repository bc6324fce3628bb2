import { markerAfter } from "./marker.js";
import type { Candidate } from "./merge-spans.js";
import type { SecretSpan } from "./types.js";

/** A stretch of the redacted text and the source range it stands for. */
interface Segment {
  outStart: number;
  outEnd: number;
  srcStart: number;
  srcEnd: number;
  marker: boolean;
}

export interface RedactedView {
  text: string;
  /** Maps a match found in the redacted text back onto the source; a marker maps to its whole span. */
  toSource(candidate: Candidate): Candidate;
}

/** The text as `redact` would output it, with enough bookkeeping to map offsets back. */
export function redactedView(source: string, spans: readonly SecretSpan[]): RedactedView {
  const segments: Segment[] = [];
  let text = "";
  let at = 0;
  const push = (srcStart: number, srcEnd: number, out: string, marker: boolean) => {
    segments.push({
      outStart: text.length,
      outEnd: text.length + out.length,
      srcStart,
      srcEnd,
      marker,
    });
    text += out;
  };
  for (const span of spans) {
    const keptEnd = span.start + span.keep;
    if (keptEnd > at) push(at, keptEnd, source.slice(at, keptEnd), false);
    push(keptEnd, span.end, markerAfter(span.keep), true);
    for (const hole of span.holes ?? [])
      push(hole.start, hole.end, source.slice(hole.start, hole.end), false);
    at = span.end;
  }
  if (source.length > at) push(at, source.length, source.slice(at), false);

  const segmentAt = (pos: number): Segment | undefined => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = segments[mid] as Segment;
      if (pos < s.outStart) hi = mid - 1;
      else if (pos >= s.outEnd) lo = mid + 1;
      else return s;
    }
    return undefined;
  };
  const startOf = (pos: number) => {
    const s = segmentAt(pos);
    if (!s) return source.length;
    return s.marker ? s.srcStart : s.srcStart + (pos - s.outStart);
  };
  const endOf = (pos: number) => {
    const s = segmentAt(pos - 1);
    if (!s) return 0;
    return s.marker ? s.srcEnd : s.srcStart + (pos - s.outStart);
  };

  return {
    text,
    toSource(c) {
      const first = segmentAt(c.start);
      const start = startOf(c.start);
      // A kept prefix must be source text: none when the match starts on or runs into a marker.
      const room = first && !first.marker ? first.outEnd - c.start : 0;
      return { ...c, start, end: endOf(c.end), keep: Math.min(c.keep, Math.max(0, room - 1)) };
    },
  };
}
