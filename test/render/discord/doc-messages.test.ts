import { describe, expect, test } from "vitest";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import type { DocSection, ReplyDoc } from "../../../src/model/reply-doc.js";
import { docContents, escapeDiscord } from "../../../src/render/discord/doc-messages.js";
import { triage } from "../../../src/triage.js";

const kb = loadKnowledge();
const NOW = new Date("2026-03-01T12:00:00Z");
const FENCE = /```/g;

function section(i: number, codeLines: number): DocSection {
  return {
    blocks: [
      { kind: "heading", text: `Step ${i}` },
      { kind: "lines", lines: [[{ text: `Why step ${i} matters. `.repeat(8) }]] },
      {
        kind: "code",
        text: Array.from({ length: codeLines }, (_, l) => `cmd ${i}.${l} --flag`).join("\n"),
      },
    ],
  };
}

describe("Discord messages from the reply's structure", () => {
  test("a long reply is cut between sections, within 2,000 characters, no code block cut", () => {
    const doc: ReplyDoc = { sections: Array.from({ length: 12 }, (_, i) => section(i, 20)) };
    const parts = docContents(doc);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(2000);
      expect((part.match(FENCE) ?? []).length % 2).toBe(0);
      // Every part starts where a section starts.
      expect(part).toMatch(/^\*\*Step \d+\*\*\n/);
    }
    for (const s of doc.sections) {
      const code = s.blocks.find((b) => b.kind === "code");
      if (code?.kind !== "code") continue;
      expect(parts.filter((p) => p.includes(`\`\`\`\n${code.text}\n\`\`\``))).toHaveLength(1);
    }
  });

  test("a code block longer than a message is cut into closed blocks, line by line", () => {
    const doc: ReplyDoc = { sections: [section(1, 150)] };
    const parts = docContents(doc);
    expect(parts.length).toBeGreaterThan(1);
    const lines: string[] = [];
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(2000);
      expect((part.match(FENCE) ?? []).length % 2).toBe(0);
      lines.push(...part.split("\n").filter((l) => l.startsWith("cmd ")));
    }
    expect(lines).toEqual(Array.from({ length: 150 }, (_, l) => `cmd 1.${l} --flag`));
  });

  test("a short reply is one message: the same text as the Markdown reply", () => {
    const { doc, report } = triage(
      { messages: [{ content: "429 RESOURCE_EXHAUSTED from gemini-2.5-flash in openclaw" }] },
      kb,
      NOW,
    );
    const parts = docContents(doc);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toBe(report.reply.trim());
  });

  test("pasted text shows as pasted: no bold, spoilers, masked links or mentions", () => {
    expect(escapeDiscord("see [docs](http://evil.example) **now** ||x|| <@1> __init__")).toBe(
      "see \\[docs\\](http://evil.example) \\*\\*now\\*\\* \\|\\|x\\|\\| \\<@1> \\_\\_init\\_\\_",
    );
    // Inside a word an underscore starts nothing on Discord, so error codes stay searchable.
    expect(escapeDiscord("RESOURCE_EXHAUSTED rate_limit_exceeded")).toBe(
      "RESOURCE_EXHAUSTED rate_limit_exceeded",
    );
    const { doc } = triage(
      {
        messages: [
          {
            content:
              'openai returned 429: {"error":{"message":"see [docs](http://evil.example) **now**","code":"rate_limit_exceeded"}}',
          },
        ],
      },
      kb,
      NOW,
    );
    const text = docContents(doc).join("\n");
    expect(text).toContain("see \\[docs\\](http://evil.example) \\*\\*now\\*\\*");
    expect(text).toContain("rate_limit_exceeded");
  });
});
