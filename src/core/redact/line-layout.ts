import type { Edit } from "./types.js";

/**
 * Characters a secret is made of, for deciding whether a line break cuts through one: 2 for
 * those that run through a key, 1 for `=`, which pads base64 but more often ends a name
 * (`NEXT_KEY=`). A table, as this is asked at every line end of every paste.
 */
const KEY_CHARS = new Uint8Array(128);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/.~-")
  KEY_CHARS[ch.charCodeAt(0)] = 2;
KEY_CHARS["=".charCodeAt(0)] = 1;
const LETTER = /[A-Za-z]/;
const DIGIT = /[0-9]/;
const UPPER = /[A-Z]/;
const LOWER = /[a-z]/;
const DIGITS = /^[0-9]+$/;
/** Box borders drawn by TUIs (ink, rich, boxen) and by hand. */
const BORDERS = "│┃║╎┆┊|";
/**
 * A line shorter than this was not wrapped by a terminal: 80 columns is the classic width and
 * the narrowest in common use. It also keeps fixed-width blocks apart: PEM bodies (64) and
 * MIME base64 (76) are rows of one width too. Boxes are exempt: their border marks the edge.
 */
const MIN_WRAP_WIDTH = 80;
/** What a line of its own starts with (markup, a comment, a list, a closing bracket). */
const LINE_STARTS = " \t\r\n#-*>[]{}()<>/|\"'`";
/** What a line ends with when the next one is its own (a list, a block, a statement). */
const LINE_ENDS = " \t,;{}[]()<>";
/** After a plain word, these say the line goes on as text (`export FOO`, `print(x)`). */
const WORD_GOES_ON = " \t(";
/** How far a run of token characters is followed on either side of a break. */
const MAX_RUN = 512;

const isToken = (ch: string | undefined) =>
  ch !== undefined && (KEY_CHARS[ch.charCodeAt(0)] ?? 0) > 0;
const isBlank = (ch: string | undefined) => ch === " " || ch === "\t";
/** Letters and digits, or mixed case: a key's piece, not a word. */
const looksRandom = (run: string) =>
  (LETTER.test(run) && DIGIT.test(run)) || (UPPER.test(run) && LOWER.test(run));

function runAfter(text: string, start: number): string {
  let at = start;
  const limit = Math.min(text.length, start + MAX_RUN);
  while (at < limit && KEY_CHARS[text.charCodeAt(at)] === 2) at++;
  return text.slice(start, at);
}

/** A line drawn inside a box (`│ content │`): its border and where its content lies. */
interface BoxLine {
  border: string;
  contentStart: number;
  contentEnd: number;
  /** Blanks between the content and the border: the padding, and a space a wrap cut at. */
  gap: number;
}

function boxLine(text: string, lineStart: number, lineEnd: number): BoxLine | null {
  // Most lines start with a letter: no box, nothing more to look at.
  if (KEY_CHARS[text.charCodeAt(lineStart)] === 2) return null;
  let start = lineStart;
  while (isBlank(text[start])) start++;
  const border = text[start];
  if (border === undefined || !BORDERS.includes(border)) return null;
  let end = lineEnd;
  while (end > start + 1 && isBlank(text[end - 1])) end--;
  if (end - 1 === start || text[end - 1] !== border) return null;
  const contentStart = text[start + 1] === " " ? start + 2 : start + 1;
  let contentEnd = end - 1;
  while (contentEnd > contentStart && isBlank(text[contentEnd - 1])) contentEnd--;
  return { border, contentStart, contentEnd, gap: end - 1 - contentEnd };
}

/**
 * A box's margins (border, padding, CR) are presentation on every line, so a secret drawn
 * across its lines (a PEM body) keeps its borders; content that reaches the right border and
 * goes on after the next left one is one line wrapped (`│ …key │⏎│ tail… │`).
 */
function boxEdits(box: BoxLine, lineStart: number, lineEnd: number): Edit[] {
  const edits: Edit[] = [];
  if (box.contentStart > lineStart)
    edits.push({ start: lineStart, end: box.contentStart, out: "", drop: true });
  if (lineEnd > box.contentEnd)
    edits.push({ start: box.contentEnd, end: lineEnd, out: "", drop: true });
  return edits;
}

/** The content runs up to the border (padding, and a space a wrap cut at): it may go on. */
const isFull = (box: BoxLine) => box.gap <= 2;

function boxWrap(text: string, above: BoxLine, below: BoxLine, nl: number): Edit | null {
  if (above.border !== below.border || !isFull(above)) return null;
  const leftChar = text[above.contentEnd - 1] ?? "";
  if (!continues(text, leftChar, below.contentStart, isFull(below))) return null;
  // The space a wrap cut at went with the margin; it is text (`PRIVATE KEY`).
  return { start: nl, end: nl + 1, out: above.gap === 2 ? " " : "", drop: true };
}

/**
 * Whether the next line's first run starts an assignment of its own (`NEXT_KEY=value`,
 * `key: value`), as a new line of a `.env` or a YAML file does. Base64 padding (`…Vw==`) and a
 * bot token's digits before its colon (`…/bot5970350⏎260:AA…`) are a key's.
 */
function assigns(text: string, tail: string, after: number, leftChar: string): boolean {
  if (tail === "") return false;
  const next = text[after];
  if (next === ":") return !(DIGITS.test(tail) && DIGIT.test(leftChar));
  if (next !== "=") return false;
  let end = after;
  while (text[end] === "=") end++;
  return isToken(text[end]);
}

/** A plain word the line goes on after (`export FOO`, `print(x)`): prose or a new command. */
function wordGoesOn(text: string, tail: string, after: number): boolean {
  const next = text[after];
  return !looksRandom(tail) && next !== undefined && WORD_GOES_ON.includes(next);
}

function widthOfLineAfter(text: string, nl: number): number {
  const found = text.indexOf("\n", nl + 1);
  const end = found === -1 ? text.length : found;
  return end - (nl + 1) - (text[end - 1] === "\r" ? 1 : 0);
}

/**
 * Whether the text from `start` carries on the line before, cut at its end. In a block of rows
 * cut at the same width that is what a terminal does, wherever the cut falls (after a space,
 * inside an escape); otherwise the line must end inside a run that goes on. Either way the next
 * line must not start an assignment, and outside a block it must not be a plain word going on,
 * as a new line of a `.env`, a YAML file or prose is.
 */
function continues(text: string, leftChar: string, start: number, inBlock: boolean): boolean {
  const tail = runAfter(text, start);
  const after = start + tail.length;
  if (assigns(text, tail, after, leftChar)) return false;
  if (inBlock) return true;
  if (LINE_ENDS.includes(leftChar)) return false;
  // A password's piece may start with punctuation (`mS⏎^HUYd9…`).
  if (tail === "") return !LINE_STARTS.includes(text[start] ?? " ");
  return !wordGoesOn(text, tail, after);
}

/** A bare terminal wrap: a line at least as wide as a terminal, carried on at column 0. */
function bareWrap(
  text: string,
  lineStart: number,
  contentEnd: number,
  nl: number,
  widthAbove: number,
): Edit | null {
  const width = contentEnd - lineStart;
  const leftChar = text[contentEnd - 1];
  if (width < MIN_WRAP_WIDTH || leftChar === undefined) return null;
  const inBlock = widthAbove === width || widthOfLineAfter(text, nl) === width;
  if (!continues(text, leftChar, nl + 1, inBlock)) return null;
  return { start: contentEnd, end: nl + 1, out: "", drop: true };
}

/** Wraps and box margins, line by line, in order. */
export function lineEdits(text: string): Edit[] {
  const edits: Edit[] = [];
  let above: BoxLine | null = null;
  let widthAbove = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const found = text.indexOf("\n", lineStart);
    const nl = found === -1 ? text.length : found;
    const contentEnd = text[nl - 1] === "\r" ? nl - 1 : nl;
    const box = boxLine(text, lineStart, contentEnd);
    if (box) {
      const join = above && boxWrap(text, above, box, lineStart - 1);
      if (join) edits.push(join);
      edits.push(...boxEdits(box, lineStart, nl));
    } else if (found !== -1) {
      const wrap = bareWrap(text, lineStart, contentEnd, nl, widthAbove);
      if (wrap) edits.push(wrap);
    }
    above = box;
    widthAbove = contentEnd - lineStart;
    if (found === -1) break;
    lineStart = nl + 1;
  }
  return edits;
}
