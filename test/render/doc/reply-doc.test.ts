import { describe, expect, test } from "vitest";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { fillLine } from "../../../src/render/doc/phrases.js";
import { docToMarkdown } from "../../../src/render/markdown/doc-markdown.js";
import { sayLine } from "../../../src/render/words.js";
import { triage } from "../../../src/triage.js";

const kb = loadKnowledge();
const NOW = new Date("2026-03-01T12:00:00Z");

describe("the reply as structure", () => {
  test("asks are numbered items, each followed by its command as a code block", () => {
    const { doc } = triage(
      { messages: [{ content: "Getting 429 rate limit errors from Gemini in openclaw, help" }] },
      kb,
      NOW,
    );
    const asks = doc.sections.find((s) =>
      s.blocks.some((b) => b.kind === "heading" && b.text.startsWith("To pin it down")),
    );
    const kinds = asks?.blocks.map((b) => b.kind) ?? [];
    expect(kinds[0]).toBe("heading");
    expect(
      kinds
        .slice(1)
        .filter((_, i) => i % 2 === 0)
        .every((k) => k === "list"),
    ).toBe(true);
    expect(
      kinds
        .slice(1)
        .filter((_, i) => i % 2 === 1)
        .every((k) => k === "code"),
    ).toBe(true);
    const first = asks?.blocks[1];
    expect(first?.kind === "list" && first.items[0]?.line[0]?.style).toBe("bold");
  });

  test("the Markdown reply is rendered from the same structure", () => {
    const { doc, report } = triage(
      { messages: [{ content: "429 RESOURCE_EXHAUSTED from gemini-2.5-flash in openclaw" }] },
      kb,
      NOW,
    );
    expect(docToMarkdown(doc)).toBe(report.reply);
    expect(report.reply).toContain("**To pin it down, please paste all of these in one reply:**");
  });

  test("a phrase's style marks come from the phrase, never from a value", () => {
    expect(sayLine(kb, "en", "changeNow", { nowClass: "TPM", wait: null })).toEqual([
      { text: "now: " },
      { text: "TPM", style: "bold" },
    ]);
    // A value holding the private marks (or Markdown) stays literal text.
    expect(fillLine("x {{v}}", { v: "\uE000bold?\uE003 **md**" })).toEqual([
      { text: "x bold? **md**" },
    ]);
    expect(sayLine(kb, "de", "replyOfferIssue")).toContainEqual({ text: "/issue", style: "code" });
  });
});
