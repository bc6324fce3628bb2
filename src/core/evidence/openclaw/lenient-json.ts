/**
 * A JSON reader for chat pastes: it returns what it could read of a document that was cut short
 * (a paste over the message limit) or broken mid-way (a "..." the user typed to shorten it).
 * Containers open at the cut are closed; a member whose value was not read is dropped.
 */
export interface LenientResult {
  value: unknown;
  /** Index just past what was read. */
  end: number;
  /** True when the document was read to its closing bracket without damage. */
  complete: boolean;
}

const MAX_DEPTH = 64;

class Cut extends Error {}

interface State {
  text: string;
  i: number;
  /** Set when reading stopped early: the value built so far is partial. */
  cut: boolean;
}

function skipSpace(s: State): void {
  while (s.i < s.text.length) {
    const c = s.text.charCodeAt(s.i);
    if (c === 32 || c === 9 || c === 10 || c === 13) s.i++;
    else break;
  }
}

function readString(s: State): string {
  // s.text[s.i] is the opening quote
  let out = "";
  let i = s.i + 1;
  let from = i;
  while (i < s.text.length) {
    const c = s.text.charCodeAt(i);
    if (c === 34) {
      out += s.text.slice(from, i);
      s.i = i + 1;
      return out;
    }
    if (c === 92) {
      out += s.text.slice(from, i);
      const e = s.text[i + 1];
      if (e === undefined) break;
      if (e === "u") {
        const hex = s.text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) break;
        out += String.fromCharCode(Number.parseInt(hex, 16));
        i += 6;
      } else {
        out +=
          e === "n"
            ? "\n"
            : e === "t"
              ? "\t"
              : e === "r"
                ? "\r"
                : e === "b"
                  ? "\b"
                  : e === "f"
                    ? "\f"
                    : e;
        i += 2;
      }
      from = i;
      continue;
    }
    if (c === 10) break; // a raw newline: the string was cut and the paste went on
    i++;
  }
  s.i = i;
  throw new Cut();
}

function readScalar(s: State): unknown {
  const rest = s.text.slice(s.i, s.i + 32);
  const word = /^(?:true|false|null)/.exec(rest);
  if (word) {
    s.i += word[0].length;
    return word[0] === "true" ? true : word[0] === "false" ? false : null;
  }
  const num = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(s.text.slice(s.i, s.i + 400));
  if (num) {
    s.i += num[0].length;
    return Number(num[0]);
  }
  throw new Cut();
}

function readValue(s: State, depth: number): unknown {
  skipSpace(s);
  if (s.i >= s.text.length) throw new Cut();
  const c = s.text[s.i];
  if (c === "{") return readObject(s, depth + 1);
  if (c === "[") return readArray(s, depth + 1);
  if (c === '"') return readString(s);
  return readScalar(s);
}

function readObject(s: State, depth: number): Record<string, unknown> {
  if (depth > MAX_DEPTH) throw new Cut();
  const out: Record<string, unknown> = {};
  s.i++;
  for (;;) {
    skipSpace(s);
    if (s.text[s.i] === "}") {
      s.i++;
      return out;
    }
    if (s.text[s.i] !== '"') {
      s.cut = true;
      return out;
    }
    let key: string;
    try {
      key = readString(s);
      skipSpace(s);
      if (s.text[s.i] !== ":") throw new Cut();
      s.i++;
      const value = readValue(s, depth);
      if (key !== "__proto__") out[key] = value;
    } catch (error) {
      if (!(error instanceof Cut)) throw error;
      s.cut = true;
      return out;
    }
    if (s.cut) return out;
    skipSpace(s);
    if (s.text[s.i] === ",") s.i++;
    else if (s.text[s.i] !== "}") {
      s.cut = true;
      return out;
    }
  }
}

function readArray(s: State, depth: number): unknown[] {
  if (depth > MAX_DEPTH) throw new Cut();
  const out: unknown[] = [];
  s.i++;
  for (;;) {
    skipSpace(s);
    if (s.text[s.i] === "]") {
      s.i++;
      return out;
    }
    try {
      out.push(readValue(s, depth));
    } catch (error) {
      if (!(error instanceof Cut)) throw error;
      s.cut = true;
      return out;
    }
    if (s.cut) return out;
    skipSpace(s);
    if (s.text[s.i] === ",") s.i++;
    else if (s.text[s.i] !== "]") {
      s.cut = true;
      return out;
    }
  }
}

/** Reads the object or array that opens at `start`; null when nothing could be read there. */
export function parseLenientJson(text: string, start: number): LenientResult | null {
  const opener = text[start];
  if (opener !== "{" && opener !== "[") return null;
  const s: State = { text, i: start, cut: false };
  try {
    const value = opener === "{" ? readObject(s, 1) : readArray(s, 1);
    return { value, end: s.i, complete: !s.cut };
  } catch {
    return null;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Every top-level JSON object in a text whose first key is one of `firstKeys` (so a paste of
 * `openclaw models status --json` is found among prose, fences and other output).
 */
export function findJsonObjects(
  text: string,
  firstKeys: readonly string[],
): Array<{ value: Record<string, unknown>; start: number; complete: boolean }> {
  const found: Array<{ value: Record<string, unknown>; start: number; complete: boolean }> = [];
  const opener = /\{\s*"([\w$-]{1,40})"\s*:/g;
  let match: RegExpExecArray | null = opener.exec(text);
  while (match !== null) {
    const key = match[1] ?? "";
    if (firstKeys.includes(key)) {
      const parsed = parseLenientJson(text, match.index);
      if (parsed && isRecord(parsed.value)) {
        found.push({ value: parsed.value, start: match.index, complete: parsed.complete });
        opener.lastIndex = Math.max(parsed.end, match.index + 1);
      }
    }
    match = opener.exec(text);
  }
  return found;
}
