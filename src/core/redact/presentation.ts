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
}

/** ESC as a byte, or as it is written in JSON, Python, C, shell and `cat -v` output. */
const ESC = String.raw`(?:\x1b|\\+(?:x1[bB]|u001[bB]|033|e)|\^\[)`;

/** Terminal escape sequences, tried where a trigger character stands. */
const SEQUENCE = new RegExp(
  [
    // OSC (hyperlinks, window titles): its payload is shown apart from the text around it.
    String.raw`(?<osc>(?:\x1b\]|\x9d)[^\x07\x1b\x9c]{0,2048}(?:\x07|\x1b\\|\x9c))`,
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
  const out = m.groups?.osc !== undefined ? " " : "";
  return { start, end: start + m[0].length, out, drop: true };
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
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/.-")
  KEY_CHARS[ch.charCodeAt(0)] = 2;
KEY_CHARS["=".charCodeAt(0)] = 1;
const LETTER = /[A-Za-z]/;
const DIGIT = /[0-9]/;
/** Box borders drawn by TUIs (ink, rich, boxen) and by hand. */
const BORDERS = "│┃║╎┆┊|";
/**
 * A line shorter than this was not wrapped by a terminal: 80 columns is the usual width and
 * nobody reads a terminal narrower than 60. Boxes are exempt: their border marks the edge.
 */
const MIN_WRAP_WIDTH = 60;
/** How far a run of token characters is followed on either side of a break. */
const MAX_RUN = 512;

const isToken = (ch: string | undefined) =>
  ch !== undefined && (KEY_CHARS[ch.charCodeAt(0)] ?? 0) > 0;
const inRun = (ch: string | undefined) => ch !== undefined && KEY_CHARS[ch.charCodeAt(0)] === 2;
const isBlank = (ch: string | undefined) => ch === " " || ch === "\t";
const looksRandom = (run: string) => LETTER.test(run) && DIGIT.test(run);

function runBefore(text: string, end: number): string {
  let at = end;
  while (at > 0 && end - at < MAX_RUN && inRun(text[at - 1])) at--;
  return text.slice(at, end);
}

function runAfter(text: string, start: number): string {
  let at = start;
  while (at < text.length && at - start < MAX_RUN && inRun(text[at])) at++;
  return text.slice(start, at);
}

/** `│ …key │⏎│ tail… │`: content reaching the right border continues after the next left one. */
function boxWrap(text: string, lineStart: number, contentEnd: number, nl: number): Edit | null {
  let at = contentEnd;
  while (at > lineStart && isBlank(text[at - 1])) at--;
  const border = text[at - 1];
  if (border === undefined || !BORDERS.includes(border)) return null;
  at--;
  if (text[at - 1] === " ") at--;
  if (!isToken(text[at - 1])) return null;
  let next = nl + 1;
  while (isBlank(text[next])) next++;
  if (text[next] !== border) return null;
  next++;
  if (text[next] === " ") next++;
  return isToken(text[next]) ? { start: at, end: next, out: "", drop: true } : null;
}

/**
 * A bare terminal wrap: a full-width line ending inside a random-looking run that the next line
 * carries on at column 0. The continuation must not start an assignment of its own (`NEXT=…`)
 * nor be a plain word followed by more text, which is how a new line of a `.env` or prose looks.
 */
function bareWrap(text: string, lineStart: number, contentEnd: number, nl: number): Edit | null {
  if (contentEnd - lineStart < MIN_WRAP_WIDTH || !isToken(text[contentEnd - 1])) return null;
  const tail = runAfter(text, nl + 1);
  if (tail === "") return null;
  const after = text[nl + 1 + tail.length];
  if (after === "=" || after === ":") return null;
  const endsLine = after === undefined || after === "\n" || after === "\r" || after === "\x1b";
  if (!endsLine && !looksRandom(tail)) return null;
  if (!looksRandom(runBefore(text, contentEnd) + tail)) return null;
  return { start: contentEnd, end: nl + 1, out: "", drop: true };
}

function wrapEdits(text: string): Edit[] {
  const edits: Edit[] = [];
  let lineStart = 0;
  for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", nl + 1)) {
    const contentEnd = text[nl - 1] === "\r" ? nl - 1 : nl;
    const edit =
      boxWrap(text, lineStart, contentEnd, nl) ?? bareWrap(text, lineStart, contentEnd, nl);
    if (edit) edits.push(edit);
    lineStart = nl + 1;
  }
  return edits;
}

/** Every presentation edit in `text`, sorted and disjoint (a wrap swallows the CR it spans). */
export function presentationEdits(text: string): Edit[] {
  const found: Edit[] = wrapEdits(text);
  inlineEdits(text, found);
  if (found.length === 0) return found;
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
