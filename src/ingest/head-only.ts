import { isAscii } from "node:buffer";
import { PAYLOAD_STAGES } from "../core/trace/stages.js";

const STAGE = Buffer.from('"stage":"');
/** The head of a 2026.9.6 line is a few hundred bytes; past this, the line is read in full. */
const HEAD_WINDOW = 2048;
/** Shorter lines cost little to decode whole. */
const MIN_LINE = 4096;

function lastNonSpace(line: Buffer): number | undefined {
  let i = line.length - 1;
  while (i >= 0 && (line[i] ?? 0) <= 32) i--;
  return line[i];
}

/**
 * For a long, well-framed line of a stage whose payload the summariser ignores (session:loaded,
 * prompt:before… carry the whole transcript), the head alone as a line: `{…,"stage":"x"}`. Most of
 * a large trace is such transcripts; not decoding them is most of the reader's speed. Null when
 * the line must be read in full (payload stage, no head in the window, cut line, non-ASCII head).
 */
export function headOnlyLine(line: Buffer): string | null {
  if (line.length < MIN_LINE || line[0] !== 0x7b || lastNonSpace(line) !== 0x7d) return null;
  const window = line.subarray(0, HEAD_WINDOW);
  const at = window.indexOf(STAGE);
  if (at < 0) return null;
  const end = window.indexOf(0x22, at + STAGE.length);
  if (end < 0) return null;
  const stage = window.toString("latin1", at + STAGE.length, end);
  if (PAYLOAD_STAGES.has(stage)) return null;
  const head = window.subarray(0, end + 1);
  return isAscii(head) ? `${head.toString("latin1")}}` : null;
}
