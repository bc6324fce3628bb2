import { type Block, context, LIMITS, section } from "./block-kit.js";

/**
 * Fitting blocks into Slack's limits: text cut at 3000 characters, at most 50 blocks. (The
 * Markdown-to-blocks conversion that used to live here is gone: replies, notices and cards are
 * built from their structure.)
 */

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
