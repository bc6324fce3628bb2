import { LIMITS } from "./limits.js";

const FENCE = /^\s*(```|~~~)/;

/**
 * Cuts before each section heading: a line that starts with bold text after a blank line, which is
 * how the prompts open a section ("**Evidence**", "**Ruled out**").
 */
function sections(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let inFence = false;
  let previousBlank = true;
  for (const line of text.split("\n")) {
    if (!inFence && previousBlank && line.startsWith("**") && current.length > 0) {
      out.push(`${current.join("\n")}\n`);
      current = [];
    }
    current.push(line);
    if (FENCE.test(line)) inFence = !inFence;
    previousBlank = line.trim() === "";
  }
  if (current.length > 0) out.push(current.join("\n"));
  return out;
}

/** Paragraphs separated by blank lines, a fenced block never cut in two. */
function paragraphs(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let inFence = false;
  for (const line of text.split("\n")) {
    current.push(line);
    if (FENCE.test(line)) inFence = !inFence;
    if (!inFence && line.trim() === "") {
      out.push(`${current.join("\n")}\n`);
      current = [];
    }
  }
  if (current.length > 0) out.push(current.join("\n"));
  return out;
}

/** Line by line; a cut inside a code block closes the fence and opens it again in the next part. */
function lines(text: string, max: number): string[] {
  const out: string[] = [];
  let chunk = "";
  let opener: string | null = null;
  const closeLength = 4; // "\n```"
  for (const raw of text.split("\n")) {
    for (const line of hardCut(raw, max - 2 * closeLength - 20)) {
      // The closing fence itself fits in the room kept for it.
      const closing = opener !== null && FENCE.test(line);
      const reserve = opener && !closing ? closeLength : 0;
      if (chunk !== "" && chunk.length + 1 + line.length + reserve > max) {
        out.push(opener ? `${chunk}\n${opener.trim().slice(0, 3)}` : chunk);
        chunk = opener ?? "";
      }
      chunk = chunk === "" ? line : `${chunk}\n${line}`;
      const fence = FENCE.exec(line);
      if (fence) opener = opener ? null : line;
    }
  }
  if (chunk !== "") out.push(chunk);
  return out;
}

function hardCut(line: string, max: number): string[] {
  if (line.length <= max) return [line];
  const out: string[] = [];
  for (let i = 0; i < line.length; i += max) out.push(line.slice(i, i + max));
  return out;
}

/** Greedy packing of pieces into parts of at most `max` characters; oversized pieces are split finer. */
function pack(pieces: string[], max: number, finer: (piece: string) => string[]): string[] {
  const out: string[] = [];
  let current = "";
  for (const piece of pieces) {
    if (current.length + piece.length <= max) {
      current += piece;
      continue;
    }
    if (current.trim() !== "") out.push(current);
    current = "";
    if (piece.length <= max) current = piece;
    else out.push(...finer(piece));
  }
  if (current.trim() !== "") out.push(current);
  return out;
}

/**
 * Splits a Markdown reply into messages of at most `max` characters (Discord: 2000), at section
 * boundaries first, then paragraphs, then lines, so a reader never sees a list or a code block
 * cut mid-way unless a single block is longer than a message.
 */
export function splitMarkdown(text: string, max: number = LIMITS.content): string[] {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed === "" ? [] : [trimmed];
  const byLine = (piece: string) => lines(piece.trim(), max);
  const byParagraph = (piece: string) => pack(paragraphs(piece), max, byLine);
  return pack(sections(trimmed), max, byParagraph)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}
