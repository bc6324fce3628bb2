import { describe, expect, test } from "vitest";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import type { ReplyDoc } from "../../../src/model/reply-doc.js";
import { LIMITS } from "../../../src/render/slack/block-kit.js";
import { docFallback, docToBlocks } from "../../../src/render/slack/doc-blocks.js";
import { renderReplyMessage } from "../../../src/render/slack/reply-message.js";
import { triage } from "../../../src/triage.js";
import { expectWithinLimits } from "./limits.js";

const kb = loadKnowledge();
const NOW = new Date("2026-03-01T12:00:00Z");
const KEY = "slack:C1:1700000000.000100";

/** An error whose message carries what Slack would read as a ping, a link and bold. */
const HOSTILE =
  'openai returned 429: {"error":{"message":"Rate limit <!channel> reached for a & b, see [docs](http://evil.example) **now**","type":"requests","code":"rate_limit_exceeded"}}';

function sectionTexts(doc: ReplyDoc): string[] {
  return docToBlocks(doc).flatMap((b) => (b.type === "section" ? [b.text.text] : []));
}

describe("Slack blocks from the reply's structure", () => {
  const { doc, report } = triage({ messages: [{ content: HOSTILE }] }, kb, NOW);

  test("each heading opens a section block of its own, in bold", () => {
    const headings = doc.sections.flatMap((s) =>
      s.blocks.flatMap((b) => (b.kind === "heading" ? [b.text] : [])),
    );
    expect(headings.length).toBeGreaterThan(0);
    const texts = sectionTexts(doc);
    for (const heading of headings)
      expect(texts.some((t) => t.startsWith(`*${heading}*\n`))).toBe(true);
  });

  test("every command in an ask is a code block with exactly the command, no fences", () => {
    const commands = doc.sections.flatMap((s) =>
      s.blocks.flatMap((b) => (b.kind === "code" ? [b.text] : [])),
    );
    expect(commands.length).toBeGreaterThan(1);
    const code = docToBlocks(doc).flatMap((b) =>
      b.type === "rich_text"
        ? b.elements.flatMap((e) =>
            e.type === "rich_text_preformatted" ? e.elements.map((t) => t.text) : [],
          )
        : [],
    );
    expect(code).toEqual(commands);
    expect(JSON.stringify(docToBlocks(doc))).not.toContain("```");
  });

  test("text someone pasted is escaped for mrkdwn and never becomes a ping or a link", () => {
    const all = sectionTexts(doc).join("\n");
    expect(all).toContain("Rate limit &lt;!channel&gt; reached for a &amp; b");
    expect(all).not.toContain("<!channel>");
    // The old Markdown-to-mrkdwn pass turned this into <http://evil.example|docs>.
    expect(all).toContain("see [docs](http://evil.example) **now**");
    expect(all).not.toContain("<http://evil.example");
  });

  test("styles come from the structure: bold labels, code models, struck-out and linked items", () => {
    const styled: ReplyDoc = {
      sections: [
        {
          blocks: [
            { kind: "heading", text: "Ruled out & more" },
            {
              kind: "list",
              items: [
                { marker: "-", line: [{ text: "a <b>", style: "strike" }, { text: " — why" }] },
                { marker: 1, line: [{ text: "issue #1", url: "https://github.com/o/r/issues/1" }] },
              ],
            },
            { kind: "lines", lines: [[{ text: "model " }, { text: "x`y", style: "code" }]] },
          ],
        },
      ],
    };
    expect(sectionTexts(styled)).toEqual([
      "*Ruled out &amp; more*\n• ~a &lt;b&gt;~ — why\n1. <https://github.com/o/r/issues/1|issue #1>\nmodel `xˋy`",
    ]);
  });

  test("the notification text is the verdict line; the message stays within Slack's limits", () => {
    expect(docFallback(doc)).toBe("*Not enough to tell which limit this is yet* · OpenAI");
    const message = renderReplyMessage(doc, report, KEY);
    expect(message.text).toBe(docFallback(doc));
    expectWithinLimits(message.blocks, LIMITS.blocksPerMessage);
  });

  test("a section longer than one block is cut at line ends into several", () => {
    const long: ReplyDoc = {
      sections: [
        {
          blocks: [
            { kind: "heading", text: "Long" },
            {
              kind: "lines",
              lines: Array.from({ length: 100 }, (_, i) => [
                { text: `line ${i} ${"x".repeat(60)}` },
              ]),
            },
          ],
        },
      ],
    };
    const texts = sectionTexts(long);
    expect(texts.length).toBeGreaterThan(1);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(texts.join("\n")).toContain(`line 99 ${"x".repeat(60)}`);
  });
});
