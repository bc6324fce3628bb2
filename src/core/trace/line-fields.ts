/**
 * Reading single fields out of a JSON line by key search, without parsing the whole line.
 * A cache-trace line can carry a whole transcript several times over; the summary needs a
 * handful of small fields from it, so a parse of every line would be most of the cost.
 *
 * Key search is safe against look-alikes inside string values: there every quote is escaped
 * (`\"runId\":\"`), so the needle `"runId":"` cannot match text inside a string.
 */

/** Index just past the end of the JSON string whose opening quote is at `quote`, or -1. */
export function stringEnd(text: string, quote: number): number {
  for (let i = quote + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 34 /* " */) return i + 1;
  }
  return -1;
}

/** Index just past the `}` or `]` closing the container that opens at `start`, or -1 (cut text). */
export function containerEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const end = stringEnd(text, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Parses the object or array that opens at `start`; undefined when it is cut or invalid. */
export function parseContainerAt(text: string, start: number): unknown {
  const end = containerEnd(text, start);
  if (end < 0) return undefined;
  try {
    return JSON.parse(text.slice(start, end));
  } catch {
    return undefined;
  }
}

/** The needle for a key: `"key":`. */
export function keyNeedle(key: string): string {
  return `"${key}":`;
}

/** The string value after `needle` (a `"key":` needle) searched in text[from, to), or null. */
export function stringAfter(
  text: string,
  needle: string,
  from = 0,
  to = text.length,
): string | null {
  const at = text.indexOf(needle, from);
  if (at < 0 || at >= to) return null;
  const quote = at + needle.length;
  if (text.charCodeAt(quote) !== 34) return null;
  const end = stringEnd(text, quote);
  if (end < 0) return null;
  const raw = text.slice(quote + 1, end - 1);
  if (raw.indexOf("\\") < 0) return raw;
  try {
    return JSON.parse(text.slice(quote, end)) as string;
  } catch {
    return null;
  }
}

/** The number after `needle` searched in text[from, to), or null (also for non-numbers). */
export function numberAfter(
  text: string,
  needle: string,
  from = 0,
  to = text.length,
): number | null {
  const at = text.indexOf(needle, from);
  if (at < 0 || at >= to) return null;
  let i = at + needle.length;
  const start = i;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 45 || c === 46 || c === 101 || c === 69 || c === 43) i++;
    else break;
  }
  if (i === start) return null;
  const n = Number(text.slice(start, i));
  return Number.isFinite(n) ? n : null;
}

/** Whether a line is framed as one JSON object: `{` first and `}` last (ignoring whitespace). */
export function isFramedObject(line: string): boolean {
  let start = 0;
  let end = line.length - 1;
  while (start <= end && line.charCodeAt(start) <= 32) start++;
  while (end >= start && line.charCodeAt(end) <= 32) end--;
  return end > start && line.charCodeAt(start) === 123 && line.charCodeAt(end) === 125;
}

/**
 * A copy of a short string that does not keep its parent alive. V8 makes substrings as views into
 * the string they came from, so one run id kept from each 1 MB chunk would keep every chunk in memory.
 */
export function detach(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1);
}
