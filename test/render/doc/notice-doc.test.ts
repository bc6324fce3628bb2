import { describe, expect, test } from "vitest";
import type { HandoffCard } from "../../../src/conversation/port.js";
import { renderMarked, renderNotice } from "../../../src/conversation/templates.js";
import { trustedText } from "../../../src/core/redact/redact.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import type { ReplyDoc } from "../../../src/model/reply-doc.js";
import { docContents } from "../../../src/render/discord/doc-messages.js";
import { LIMITS } from "../../../src/render/discord/limits.js";
import { markedDoc, markedMarkdown } from "../../../src/render/doc/notice-doc.js";
import { fillMarked } from "../../../src/render/doc/phrases.js";
import { renderHandoffCard } from "../../../src/render/slack/handoff-card.js";
import { renderNotice as slackNotice } from "../../../src/render/slack/reply-message.js";
import { triage } from "../../../src/triage.js";
import { expectWithinLimits } from "../slack/limits.js";

const kb = loadKnowledge();
const NOW = new Date("2026-03-01T12:00:00Z");

/** A display name someone chose: Markdown, mrkdwn, a ping, an entity and a code span. */
const PASTED = "*boss* _x_ <!channel> & `rm -rf` ~~gone~~ [docs](http://evil.example)";

/** Every text element of rich-text blocks, with its style. */
function richTexts(blocks: unknown): Array<{ type: string; text?: string; style?: object }> {
  const out: Array<{ type: string; text?: string; style?: object }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const o = node as { type?: string; text?: unknown; elements?: unknown };
      if ((o.type === "text" || o.type === "link") && typeof o.text === "string")
        out.push(o as { type: string; text: string });
      walk(o.elements);
    }
  };
  walk(blocks);
  return out;
}

describe("a notice with a pasted value", () => {
  const notice = renderNotice(kb, "claimed", { assignee: PASTED });

  test("the value is one literal piece of text in the structure", () => {
    const spans = notice.doc.sections.flatMap((s) =>
      s.blocks.flatMap((b) => (b.kind === "lines" ? b.lines.flat() : [])),
    );
    expect(spans.some((s) => s.text.includes(PASTED) && !s.style && !s.url)).toBe(true);
  });

  test("Slack shows it literally: plain rich text, no style, no link, no ping", () => {
    const message = slackNotice(notice.doc);
    const texts = richTexts(message.blocks);
    const carrying = texts.find((t) => t.text?.includes(PASTED));
    expect(carrying).toEqual({ type: "text", text: expect.stringContaining(PASTED) });
    expect(texts.filter((t) => t.type === "link")).toEqual([]);
    // The notification text is mrkdwn: escaped there.
    expect(message.text).toContain("&lt;!channel&gt; &amp;");
    expect(message.text).not.toContain("<!channel>");
    expectWithinLimits(message.blocks, 50);
  });

  test("Discord shows it literally: every markup character escaped", () => {
    const [content, ...rest] = docContents(notice.doc, LIMITS.content, true);
    expect(rest).toEqual([]);
    expect(content).toContain(
      "\\*boss\\* \\_x\\_ \\<!channel> & \\`rm -rf\\` \\~\\~gone\\~\\~ \\[docs\\](http://evil.example)",
    );
  });

  test("the Markdown text for the console keeps the template's words and the value as given", () => {
    expect(notice.text).toBe(
      `👋 ${PASTED} from the support team has this thread now. I'll stay quiet unless someone mentions me.`,
    );
  });
});

describe("a notice's own styles come from the structure", () => {
  const solved = renderNotice(kb, "solved", {
    mitigation: "Lower max_tokens",
    classTitle: "TPM",
  });
  const nudge = renderNotice(kb, "nudge", {
    reporter: "Ana",
    diagnosed: true,
    closeIn: "2 days",
  });

  test("bold and code are rich-text styles on Slack", () => {
    const texts = richTexts([
      ...slackNotice(solved.doc).blocks,
      ...slackNotice(nudge.doc, "U0123ABC").blocks,
    ]);
    expect(texts).toContainEqual({
      type: "text",
      text: "Lower max_tokens",
      style: { bold: true },
    });
    expect(texts).toContainEqual({ type: "text", text: "solved", style: { code: true } });
    // No Markdown is left to read back.
    expect(JSON.stringify(texts)).not.toMatch(/\*\*|`/);
  });

  test("the same styles are Discord's Markdown and the console's", () => {
    expect(docContents(solved.doc, LIMITS.content, true)[0]).toContain("**Lower max_tokens**");
    expect(docContents(nudge.doc, LIMITS.content, true)[0]).toContain("`solved`");
    expect(solved.text).toContain("**Lower max_tokens**");
    expect(nudge.text).toContain("`solved`");
  });

  test("every language's notices mark their styles, none left as Markdown", () => {
    for (const lang of ["en", "de", "es", "ja", "pt", "zh"])
      for (const name of ["solved", "nudge", "incident-note", "summary", "claimed", "handoff"]) {
        const notice = renderNotice(
          kb,
          name,
          {
            mitigation: "M",
            classTitle: "C",
            reporter: "R",
            diagnosed: true,
            decided: true,
            model: "gpt-4o",
            reporters: 3,
            signature: "S",
            since: "12:00",
          },
          lang,
        );
        const plain = notice.doc.sections
          .flatMap((s) => s.blocks)
          .flatMap((b) =>
            b.kind === "lines"
              ? b.lines.flat()
              : b.kind === "list"
                ? b.items.flatMap((i) => i.line)
                : [],
          )
          .filter((s) => !s.style && !s.url)
          .map((s) => s.text)
          .join(" ");
        expect(plain, `${lang}/${name}`).not.toMatch(/\*\*|`|~~|\]\(/);
      }
  });
});

describe("a template's layout as structure", () => {
  test("blank lines part sections, '- ' and '1. ' lines are list items, links are link pieces", () => {
    const doc = markedDoc(
      fillMarked(
        "Head {{#strong}}{{v}}{{/strong}}\n\n- one\n- {{#a}}{{url}} two{{/a}}\n3. three\nafter",
        { v: "<b>", url: "https://example.com/x?a=1&b=2" },
      ),
    );
    const expected: ReplyDoc = {
      sections: [
        {
          blocks: [{ kind: "lines", lines: [[{ text: "Head " }, { text: "<b>", style: "bold" }]] }],
        },
        {
          blocks: [
            {
              kind: "list",
              items: [
                { marker: "-", line: [{ text: "one" }] },
                { marker: "-", line: [{ text: "two", url: "https://example.com/x?a=1&b=2" }] },
                { marker: 3, line: [{ text: "three" }] },
              ],
            },
            { kind: "lines", lines: [[{ text: "after" }]] },
          ],
        },
      ],
    };
    expect(doc).toEqual(expected);
  });

  test("a pasted value cannot open a style or a link: marks are stripped as it goes in", () => {
    const doc = markedDoc(
      fillMarked("{{v}}", { v: "\uE000bold?\uE003 \uE004http://x\uE005y\uE003" }),
    );
    expect(doc.sections[0]?.blocks[0]).toEqual({
      kind: "lines",
      lines: [[{ text: "bold? http://xy" }]],
    });
  });

  test("a link on Slack is a link element; on Discord a masked link", () => {
    const notice = renderNotice(kb, "issue-failed", {
      reason: "GitHub said no",
      link: "https://github.com/o/r/issues/new?title=a%20b",
    });
    const link = richTexts(slackNotice(notice.doc).blocks).find((t) => t.type === "link");
    expect(link).toEqual({
      type: "link",
      url: "https://github.com/o/r/issues/new?title=a%20b",
      text: "Open the pre-filled form",
    });
    expect(docContents(notice.doc, LIMITS.content, true)[0]).toContain(
      "[Open the pre-filled form](https://github.com/o/r/issues/new?title=a%20b)",
    );
    expect(notice.text).toContain(
      "[Open the pre-filled form](https://github.com/o/r/issues/new?title=a%20b)",
    );
  });
});

describe("the thread summary inside the close notice and the staff card", () => {
  const summary = renderMarked(kb, "summary", {
    decided: true,
    classTitle: "TPM **now**",
    model: "gpt-4o",
    confidence: "0.90",
    tried: "a <b> & `c`",
  });
  const closed = renderNotice(kb, "closed-stale", { reporter: "Ana", idle: "3 days", summary });

  test("its list keeps its styles inside the notice, and its values stay literal", () => {
    const list = closed.doc.sections.flatMap((s) => s.blocks).find((b) => b.kind === "list");
    expect(list?.kind).toBe("list");
    const first = list?.kind === "list" ? list.items[0]?.line : [];
    expect(first).toContainEqual({ text: "TPM **now**", style: "bold" });
    expect(first).toContainEqual({ text: "gpt-4o", style: "code" });
    const tried = list?.kind === "list" ? list.items[1]?.line : [];
    expect(tried).toEqual([{ text: "Tried: a <b> & `c`" }]);
    expect(closed.text).toContain("- Diagnosis: **TPM **now**** · `gpt-4o` · confidence 0.90");
  });

  test("Slack shows the card's summary as rich text from the same structure", () => {
    const card: HandoffCard = {
      threadKey: "slack:C1:1700000000.000100",
      title: "Help",
      state: "handed_off",
      summary: trustedText(markedMarkdown(summary)),
      summaryDoc: markedDoc(summary),
      report: triage({ messages: [{ content: "429 Too Many Requests" }] }, kb, NOW).report,
      askedAndAnswered: [],
      redactionKinds: [],
      assignee: null,
    };
    const texts = richTexts(renderHandoffCard(card).blocks);
    expect(texts).toContainEqual({ type: "text", text: "TPM **now**", style: { bold: true } });
    expect(texts).toContainEqual({ type: "text", text: "gpt-4o", style: { code: true } });
    expect(texts).toContainEqual({ type: "text", text: "Tried: a <b> & `c`" });
  });
});
