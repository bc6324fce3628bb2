import type { DocBlock, DocSection, Line, ReplyDoc, Span } from "../../model/reply-doc.js";
import { LIMITS } from "./limits.js";

/**
 * The reply's structure as Discord message contents (Discord's Markdown). The cut into messages
 * of at most 2000 characters follows the structure: between sections first, then between a
 * section's blocks, and a code block is only ever cut when it is longer than a message on its own
 * (then each part closes and reopens the fence).
 */

/**
 * Text set literally: the characters that would start bold, strike-through, spoilers, masked
 * links or mentions are escaped, so an error someone pasted shows as they pasted it. An
 * underscore inside a word (RESOURCE_EXHAUSTED) never starts italics on Discord and stays as it
 * is; backticks stay too, as the knowledge and the notes mark commands with them.
 */
const WORD = /^[\p{L}\p{N}]$/u;

export function escapeDiscord(text: string, ticks = false): string {
  return text
    .replace(ticks ? /[\\*~|[\]<`]/g : /[\\*~|[\]<]/g, (c) => `\\${c}`)
    .replace(/_/g, (u, at: number, all: string) =>
      WORD.test(all[at - 1] ?? "") && WORD.test(all[at + 1] ?? "") ? u : "\\_",
    );
}

/**
 * `ticks`: backticks in plain text are escaped too (a notice, whose plain text is a template's
 * words and values someone typed; the reply's knowledge marks commands with them).
 */
export function spanDiscord(span: Span, ticks = false): string {
  if (span.url) return `[${escapeDiscord(span.text, ticks)}](${span.url})`;
  if (span.style === "code") return `\`${span.text.replace(/`/g, "ˋ")}\``;
  const text = escapeDiscord(span.text, ticks);
  if (span.style === "bold") return `**${text}**`;
  if (span.style === "strike") return `~~${text}~~`;
  return text;
}

function lineDiscord(line: Line, ticks: boolean): string {
  return line.map((s) => spanDiscord(s, ticks)).join("");
}

function blockText(block: DocBlock, ticks: boolean): string {
  switch (block.kind) {
    case "heading":
      return `**${escapeDiscord(block.text, ticks)}**`;
    case "lines":
      return block.lines.map((l) => lineDiscord(l, ticks)).join("\n");
    case "list":
      return block.items.map((i) => itemText(i, ticks)).join("\n");
    case "code":
      return fenced(block.text);
  }
}

function itemText(item: { marker: "-" | number; line: Line }, ticks: boolean): string {
  return `${item.marker === "-" ? "-" : `${item.marker}.`} ${lineDiscord(item.line, ticks)}`;
}

function fenced(code: string): string {
  return `\`\`\`\n${code}\n\`\`\``;
}

function sectionText(section: DocSection, ticks: boolean): string {
  return section.blocks
    .map((b) => blockText(b, ticks))
    .filter((t) => t !== "")
    .join("\n");
}

/** Cuts a string with no structure left at `max`, for a single line longer than a message. */
function hardCut(text: string, max: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += max) out.push(text.slice(i, i + max));
  return out;
}

/** Line by line, a single overlong line cut hard. */
function byLines(lines: string[], max: number): string[] {
  return pack(
    lines.flatMap((l) => hardCut(l, max)),
    "\n",
    max,
    (l) => [l],
  );
}

/** A code block longer than a message: its lines in parts, each part a closed block of its own. */
function codeParts(code: string, max: number): string[] {
  const room = max - fenced("").length;
  return byLines(code.split("\n"), room).map(fenced);
}

function blockParts(block: DocBlock, max: number, ticks: boolean): string[] {
  const text = blockText(block, ticks);
  if (text.length <= max) return [text];
  if (block.kind === "code") return codeParts(block.text, max);
  if (block.kind === "lines")
    return byLines(
      block.lines.map((l) => lineDiscord(l, ticks)),
      max,
    );
  if (block.kind === "list")
    return byLines(
      block.items.map((i) => itemText(i, ticks)),
      max,
    );
  return hardCut(text, max);
}

/** Greedy packing of pieces joined by `sep` into parts of at most `max`; an oversized piece goes finer. */
function pack(
  pieces: string[],
  sep: string,
  max: number,
  finer: (piece: string, index: number) => string[],
): string[] {
  const out: string[] = [];
  let current = "";
  pieces.forEach((piece, index) => {
    if (piece === "") return;
    const joined = current === "" ? piece : `${current}${sep}${piece}`;
    if (joined.length <= max) {
      current = joined;
      return;
    }
    if (current !== "") out.push(current);
    current = "";
    if (piece.length <= max) current = piece;
    else out.push(...finer(piece, index));
  });
  if (current !== "") out.push(current);
  return out;
}

/** The whole doc as one text in Discord's Markdown (an embed's description). */
export function docText(doc: ReplyDoc, ticks = false): string {
  return doc.sections
    .map((s) => sectionText(s, ticks))
    .filter((t) => t.trim() !== "")
    .join("\n\n");
}

/**
 * The reply as message contents of at most `max` characters (Discord: 2000). `ticks`: plain
 * text's backticks are escaped too (notices; see `spanDiscord`).
 */
export function docContents(doc: ReplyDoc, max: number = LIMITS.content, ticks = false): string[] {
  const sections = doc.sections.map((s) => sectionText(s, ticks));
  return pack(sections, "\n\n", max, (_piece, index) => {
    const blocks = doc.sections[index]?.blocks ?? [];
    return pack(
      blocks.map((b) => blockText(b, ticks)),
      "\n",
      max,
      (_b, i) => {
        const block = blocks[i];
        return block ? blockParts(block, max, ticks) : [];
      },
    );
  })
    .map((part) => part.trim())
    .filter((part) => part !== "");
}
