import { expect } from "vitest";
import { type Block, LIMITS } from "../../../src/render/slack/block-kit.js";

/** Fails when a block breaks one of Slack's documented limits. */
export function expectWithinLimits(blocks: readonly Block[], maxBlocks: number): void {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  for (const block of blocks) {
    if (block.type === "section") {
      expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(block.text.text.trim()).not.toBe("");
      expect(block.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.sectionFields);
      for (const f of block.fields ?? [])
        expect(f.text.length).toBeLessThanOrEqual(LIMITS.sectionField);
    }
    if (block.type === "header")
      expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    if (block.type === "context")
      expect(block.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
    if (block.type === "actions")
      for (const b of block.elements) {
        expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
        expect(b.value?.length ?? 0).toBeLessThanOrEqual(LIMITS.buttonValue);
      }
    if (block.type === "rich_text")
      expect(richTextLength(block.elements)).toBeLessThanOrEqual(LIMITS.preformatted);
  }
}

/** All the text a rich-text block holds, however its sections and lists nest it. */
function richTextLength(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, e) => n + richTextLength(e), 0);
  if (!node || typeof node !== "object") return 0;
  const o = node as { text?: unknown; elements?: unknown };
  return (typeof o.text === "string" ? o.text.length : 0) + richTextLength(o.elements);
}
