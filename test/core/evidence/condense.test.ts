import { describe, expect, it } from "vitest";
import { CONDENSE_ABOVE_CHARS, condenseForProse } from "../../../src/core/evidence/condense.js";
import { MAX_TEXT_CHARS, readableText } from "../../../src/core/evidence/input-limits.js";

describe("condenseForProse", () => {
  it("leaves ordinary messages alone", () => {
    expect(condenseForProse("short\ntext")).toBe("short\ntext");
  });

  it("keeps one line per shape of a large log, in order, and every distinct line", () => {
    const lines = Array.from(
      { length: 5000 },
      (_, i) => `2026-11-23T22:00:${i % 60} status=200 run=${i}`,
    );
    lines.splice(2500, 0, "Error: 429 RESOURCE_EXHAUSTED");
    const text = lines.join("\n");
    expect(text.length).toBeGreaterThan(CONDENSE_ABOVE_CHARS);
    expect(condenseForProse(text).split("\n")).toEqual([lines[0], "Error: 429 RESOURCE_EXHAUSTED"]);
  });
});

describe("readableText", () => {
  it("strips NUL bytes and says so", () => {
    expect(readableText("429 from gemini\u0000 again today")).toEqual({
      text: "429 from gemini again today",
      problem: "NUL bytes were removed",
      skippedChars: 0,
    });
  });

  it("refuses binary content with the reason", () => {
    const r = readableText("\u0001\u0002\u0003\u0004\u0005abc");
    expect(r.text).toBe("");
    expect(r.problem).toMatch(/binary content/);
  });

  it("caps huge pastes and reports what was skipped", () => {
    const r = readableText("x".repeat(MAX_TEXT_CHARS + 10));
    expect(r.text.length).toBe(MAX_TEXT_CHARS);
    expect(r.skippedChars).toBe(10);
    expect(r.problem).toMatch(/only the first 1,000,000 characters were read/);
  });
});
