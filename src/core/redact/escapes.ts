import type { Edit } from "./types.js";

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

/** After backslashes, what may start a written-out ESC (`\x1b`, `\u001b`, `\033`, `\e`). */
const WRITTEN_ESC = "xu0e";

function editAt(text: string, at: number): Edit | null {
  const ch = text[at];
  if (ch === "%") return percentEdit(text, at);
  if (ch !== "\\") return sequenceEdit(text, at);
  let after = at;
  while (text[after] === "\\") after++;
  // Most backslashes escape a quote or a line break: no sequence to try there.
  const sequence = WRITTEN_ESC.includes(text[after] ?? " ") ? sequenceEdit(text, at) : null;
  return sequence ?? backslashEdit(text, at);
}

/**
 * Adds an edit; the same escape repeated (`%3D%3D`, `\\n\\n\\n`) extends the one before (the same
 * source reads the same), so a run of a million escapes is one edit, not a million to map.
 */
function push(text: string, edits: Edit[], edit: Edit): void {
  const last = edits.at(-1);
  const width = edit.end - edit.start;
  const repeats =
    last !== undefined &&
    !last.drop &&
    !edit.drop &&
    last.end === edit.start &&
    text.startsWith(text.slice(edit.start, edit.end), last.end - width);
  if (!repeats) edits.push(edit);
  else {
    last.end = edit.end;
    last.out += edit.out;
  }
}

/** Every escape in `text`, in order: terminal sequences, backslash escapes, percent-encoding. */
export function inlineEdits(text: string, edits: Edit[]): void {
  const next = TRIGGERS.map((t) => text.indexOf(t));
  for (;;) {
    let at = -1;
    for (const pos of next) if (pos !== -1 && (at === -1 || pos < at)) at = pos;
    if (at === -1) return;
    const edit = editAt(text, at);
    let from = at + 1;
    if (edit) {
      push(text, edits, edit);
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
