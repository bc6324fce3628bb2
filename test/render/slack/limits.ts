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
      for (const e of block.elements[0]?.elements ?? [])
        expect(e.text.length).toBeLessThanOrEqual(LIMITS.preformatted);
  }
}
