/**
 * Limits on what one message or attachment may feed the engine. A 50 MB paste is read from a
 * bounded prefix and the reply says so; the numbers keep every analysis well under a second.
 */
export const MAX_TEXT_CHARS = 1_000_000;

export interface ReadableText {
  text: string;
  /** Why part of it was not read, for `unreadable` evidence; null when all was read. */
  problem: string | null;
  skippedChars: number;
}

/** Control characters other than tab/newline/CR in a large share mean binary, not text. */
function looksBinary(sample: string): boolean {
  if (sample.length === 0) return false;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  return control / sample.length > 0.1;
}

/** Caps the text, strips NUL bytes, and says what could not be read. */
export function readableText(raw: string): ReadableText {
  if (looksBinary(raw.slice(0, 4096))) {
    return {
      text: "",
      problem: `binary content (${raw.length} characters) cannot be read as text`,
      skippedChars: raw.length,
    };
  }
  let text = raw;
  const problems: string[] = [];
  if (text.includes("\u0000")) {
    text = text.replaceAll("\u0000", "");
    problems.push("NUL bytes were removed");
  }
  if (/\ufffd/u.test(text)) problems.push("some bytes were not valid UTF-8 and were replaced");
  let skippedChars = 0;
  if (text.length > MAX_TEXT_CHARS) {
    skippedChars = text.length - MAX_TEXT_CHARS;
    text = text.slice(0, MAX_TEXT_CHARS);
    problems.push(
      `only the first ${MAX_TEXT_CHARS.toLocaleString("en-US")} characters were read (${skippedChars.toLocaleString("en-US")} more were skipped)`,
    );
  }
  return { text, problem: problems.length > 0 ? problems.join("; ") : null, skippedChars };
}
