import { type Block, context, LIMITS, preformatted, section } from "./block-kit.js";
import { markdownText } from "./mrkdwn.js";

interface Segment {
  kind: "prose" | "code";
  lines: string[];
}

const FENCE = /^\s*```/;
/** A line that is only a bold phrase ("**What you can do now**"): a heading in our templates. */
const HEADING = /^\*\*[^*]+\*\*:?\s*$/;

function segments(markdown: string): Segment[] {
  const out: Segment[] = [];
  let current: Segment = { kind: "prose", lines: [] };
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    if (FENCE.test(line)) {
      out.push(current);
      current = { kind: current.kind === "code" ? "prose" : "code", lines: [] };
      continue;
    }
    current.lines.push(line);
  }
  out.push(current);
  return out;
}

/** Splits at headings so each titled part ("To pin it down", "What you can do now") is a section. */
function proseParts(lines: string[]): string[][] {
  const parts: string[][] = [[]];
  for (const line of lines) {
    if (HEADING.test(line.trim()) && (parts.at(-1)?.some((l) => l.trim()) ?? false)) parts.push([]);
    parts.at(-1)?.push(line);
  }
  return parts;
}

/** Cuts mrkdwn into pieces of at most `max` characters, at line ends where it can. */
export function splitText(text: string, max: number = LIMITS.sectionText): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current) pieces.push(current);
    let rest = line;
    while (rest.length > max) {
      pieces.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    current = rest;
  }
  if (current.trim()) pieces.push(current);
  return pieces;
}

function tidy(lines: string[]): string {
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * The engine's Markdown as blocks: prose as mrkdwn sections (split at headings and at Slack's
 * 3000-character limit), fenced code as rich-text code blocks, so commands copy cleanly.
 */
export function markdownToBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const segment of segments(markdown)) {
    if (segment.kind === "code") {
      const code = segment.lines.join("\n").replace(/\s+$/, "");
      if (code.trim()) blocks.push(preformatted(code));
      continue;
    }
    for (const part of proseParts(segment.lines)) {
      const text = tidy(part);
      if (!text) continue;
      for (const piece of splitText(markdownText(text))) blocks.push(section(piece));
    }
  }
  return blocks;
}

/** Joins neighbouring sections while they fit in one, to save blocks. */
function mergeSections(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const last = out.at(-1);
    if (
      last?.type === "section" &&
      block.type === "section" &&
      !last.fields &&
      !block.fields &&
      last.text.text.length + block.text.text.length + 2 <= LIMITS.sectionText
    ) {
      out[out.length - 1] = section(`${last.text.text}\n\n${block.text.text}`);
      continue;
    }
    out.push(block);
  }
  return out;
}

/**
 * Keeps a message within `max` blocks: first by merging sections, then by cutting the tail and
 * saying so, so Slack never refuses the whole reply.
 */
export function fitBlocks(blocks: Block[], max: number, cutNote: string): Block[] {
  if (blocks.length <= max) return blocks;
  const merged = mergeSections(blocks);
  if (merged.length <= max) return merged;
  return [...merged.slice(0, max - 1), context(cutNote)];
}
