/**
 * How a paste hides a secret from a plain scan: terminal escape sequences, JSON or shell
 * escaping, percent-encoding, and hard wraps (bare or inside a drawn box, LF or CRLF). A CR
 * alone needs no edit: it ends a token in the plain scan as a space does.
 * Each is found as an edit: a source range and what it stands for in the normalised view.
 */
export interface Edit {
  start: number;
  end: number;
  /** What the range reads as once the presentation is taken away. */
  out: string;
  /**
   * Presentation only (a colour, a line break, a border): inside a secret it stays in the output.
   * The other edits encode characters of the text itself, so inside a secret they go with it.
   */
  drop: boolean;
  /** Layout inside an escape a wrap cut through: presentation, which stays like a drop edit. */
  inner?: Edit[];
}

/** ESC as a byte, or as it is written in JSON, Python, C, shell and `cat -v` output. */
const ESC = String.raw`(?:\x1b|\\+(?:x1[bB]|u001[bB]|033|e)|\^\[)`;

/** Terminal escape sequences, tried where a trigger character stands. */
const SEQUENCE = new RegExp(
  [
    // OSC (hyperlinks, window titles): read away whole, as the plain scan already reads its payload.
    String.raw`(?:\x1b\]|\x9d)[^\x07\x1b\x9c]{0,2048}(?:\x07|\x1b\\|\x9c)`,
    // The same written out: `\u001b]8;;url\u001b\\` in a JSON log.
    String.raw`${ESC}\][^\x07\x1b\\]{0,2048}(?:\\+(?:x07|u0007|a)|${ESC}\\+)`,
    // CSI: SGR colours, cursor moves, erases.
    String.raw`(?<csi>(?:${ESC}\[|\x9b)[0-?]{0,32}[ -/]{0,4}[@-~])`,
    // Other escapes (charset selection, keypad modes): ESC, intermediates, a final byte.
    String.raw`(?<esc>\x1b[ -/]{0,4}[0-~])`,
  ].join("|"),
  "y",
);

/**
 * Where an inline edit can start. Each is looked for with `indexOf`, which is several times
 * faster than a character-class regex on text that holds none of them (almost every paste).
 */
const TRIGGERS = ["\x1b", "\x9b", "\x9d", "\\", "%", "^["];

/** Characters a backslash escape stands for, as JSON and shells write them. */
const ESCAPED: Record<string, string> = { n: "\n", r: "\r", t: "\t" };
const LITERAL = `"'/=:&$`;

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** The value of `digits` hex digits at `at`, or null; by char codes, as this runs per escape. */
function hexAt(text: string, at: number, digits: number): number | null {
  let value = 0;
  for (let i = at; i < at + digits; i++) {
    const digit = hexDigit(text.charCodeAt(i));
    if (digit < 0) return null;
    value = value * 16 + digit;
  }
  return value;
}

/** `\"`, `\\n`, `\u003d`, `\x3d` at any depth of escaping read as the one character. */
function backslashEdit(text: string, start: number): Edit | null {
  let at = start;
  while (text[at] === "\\") at++;
  const kind = text[at];
  if (kind === undefined) return null;
  const width = kind === "u" ? 4 : kind === "x" ? 2 : 0;
  if (width > 0) {
    const code = hexAt(text, at + 1, width);
    if (code === null) return null;
    return { start, end: at + 1 + width, out: String.fromCharCode(code), drop: false };
  }
  const out = ESCAPED[kind] ?? (LITERAL.includes(kind) ? kind : null);
  return out === null ? null : { start, end: at + 1, out, drop: false };
}

/** `%3D`, and `%253D` once more encoded, read as `=`. */
function percentEdit(text: string, start: number): Edit | null {
  let at = start + 1;
  while (text.startsWith("25", at) && hexAt(text, at + 2, 2) !== null) at += 2;
  const code = hexAt(text, at, 2);
  return code === null ? null : { start, end: at + 2, out: String.fromCharCode(code), drop: false };
}

function sequenceEdit(text: string, start: number): Edit | null {
  SEQUENCE.lastIndex = start;
  const m = SEQUENCE.exec(text);
  if (!m) return null;
  return { start, end: start + m[0].length, out: "", drop: true };
}

function editAt(text: string, at: number): Edit | null {
  const ch = text[at];
  if (ch === "%") return percentEdit(text, at);
  return sequenceEdit(text, at) ?? (ch === "\\" ? backslashEdit(text, at) : null);
}

function inlineEdits(text: string, edits: Edit[]): void {
  const next = TRIGGERS.map((t) => text.indexOf(t));
  for (;;) {
    let at = -1;
    for (const pos of next) if (pos !== -1 && (at === -1 || pos < at)) at = pos;
    if (at === -1) return;
    const edit = editAt(text, at);
    let from = at + 1;
    if (edit) {
      edits.push(edit);
      from = edit.end;
    } else if (text[at] === "\\") {
      // A run of backslashes escapes nothing here: skip it whole, or a long one costs its square.
      while (text[from] === "\\") from++;
    }
    next.forEach((pos, i) => {
      if (pos !== -1 && pos < from) next[i] = text.indexOf(TRIGGERS[i] as string, from);
    });
  }
}

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

function lineEdits(text: string): Edit[] {
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
  if (layout.length === 0) inlineEdits(text, inline);
  else inline.push(...inlineEditsThrough(text, layout));
  const found = layout.concat(inline);
  if (found.length === 0) return found;
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
