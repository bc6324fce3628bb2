import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitMarkdown } from "../../../src/render/discord/split-markdown.js";

const section = (title: string, body: string) => `**${title}**\n\n${body}\n`;

describe("splitMarkdown", () => {
  it("keeps a short reply whole", () => {
    expect(splitMarkdown("**Diagnosis: TPM**\nshort\n")).toEqual(["**Diagnosis: TPM**\nshort"]);
    expect(splitMarkdown("  \n")).toEqual([]);
  });

  it("cuts at section headings, never inside a section that fits", () => {
    const a = section("What I read", "- x\n".repeat(200));
    const b = section("What you can do now", "1. y\n".repeat(200));
    const c = section("What I could not read", "- z\n".repeat(200));
    const parts = splitMarkdown(`${a}\n${b}\n${c}`, 2000);
    expect(parts).toHaveLength(2);
    expect(parts[0]?.startsWith("**What I read**")).toBe(true);
    expect(parts[0]).toContain("\n**What you can do now**");
    expect(parts[1]?.startsWith("**What I could not read**")).toBe(true);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(2000);
  });

  it("closes and reopens a code block that has to be cut", () => {
    const code = `**Snippet**\n\n\`\`\`json\n${'{"line": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}\n'.repeat(150)}\`\`\`\n`;
    const parts = splitMarkdown(code, 2000);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(2000);
      // Every part has balanced fences, so none renders the rest of the message as code.
      expect((p.match(/^```/gm) ?? []).length % 2).toBe(0);
    }
    expect(parts[1]?.startsWith("```json")).toBe(true);
  });

  it("never exceeds the limit and loses no non-space text (property)", () => {
    const word = fc.stringMatching(/^[a-z`*#\-. ]{0,30}$/);
    const line = fc.oneof(word, fc.constant(""), fc.constant("```"), fc.constant("**Heading**"));
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 400 }),
        fc.integer({ min: 60, max: 400 }),
        (ls, max) => {
          const text = ls.join("\n");
          const parts = splitMarkdown(text, max);
          for (const p of parts) expect(p.length).toBeLessThanOrEqual(max);
          const squash = (s: string) => s.replace(/```/g, "").replace(/\s+/g, "");
          expect(squash(parts.join(""))).toBe(squash(text));
        },
      ),
    );
  });
});
