import { describe, expect, test } from "vitest";
import { LIMITS, section } from "../../../src/render/slack/block-kit.js";
import {
  fitBlocks,
  markdownToBlocks,
  splitText,
} from "../../../src/render/slack/markdown-blocks.js";
import { escapeMrkdwn, link, markdownLine, userRef } from "../../../src/render/slack/mrkdwn.js";
import { expectWithinLimits } from "./limits.js";

describe("Markdown to mrkdwn", () => {
  test("bold, strike, links, bullets and headings; inline code untouched", () => {
    expect(markdownLine("**Diagnosis: TPM** · `gpt-4o` · ~~RPM~~")).toBe(
      "*Diagnosis: TPM* · `gpt-4o` · ~RPM~",
    );
    expect(markdownLine("- see [limits](https://platform.openai.com/x?a=1&b=2)")).toBe(
      "• see <https://platform.openai.com/x?a=1&amp;b=2|limits>",
    );
    expect(markdownLine("## Next")).toBe("*Next*");
    expect(markdownLine("`**not bold**` and **bold**")).toBe("`**not bold**` and *bold*");
  });

  test("pasted text cannot ping or forge links", () => {
    expect(markdownLine("boom <!channel> <@U123> <https://evil|slack.com>")).toBe(
      "boom &lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|slack.com&gt;",
    );
    expect(escapeMrkdwn("a & b")).toBe("a &amp; b");
    expect(userRef("U0123ABC")).toBe("<@U0123ABC>");
    expect(userRef("<!here>")).toBe("&lt;!here&gt;");
    expect(link("javascript:alert(1)", "x")).toBe("x");
    expect(link("https://x.dev", "a|b>")).toBe("<https://x.dev|a¦b&gt;>");
  });
});

describe("markdownToBlocks", () => {
  test("headings start sections and fenced code becomes rich-text code blocks", () => {
    const blocks = markdownToBlocks(
      "**Diagnosis: x**\nwhy\n\n**To pin it down:**\n1. **Version** — because\n\n```\nopenclaw --version\n```\n2. next",
    );
    expect(blocks.map((b) => b.type)).toEqual(["section", "section", "rich_text", "section"]);
    expect(blocks[1]).toEqual(section("*To pin it down:*\n1. *Version* — because"));
    expect(blocks[2]).toEqual({
      type: "rich_text",
      elements: [
        {
          type: "rich_text_preformatted",
          elements: [{ type: "text", text: "openclaw --version" }],
        },
      ],
    });
  });

  test("code is not escaped or converted, and an unclosed fence still ends as code", () => {
    const blocks = markdownToBlocks("text\n```\na < b && **c**");
    expect(JSON.stringify(blocks[1])).toContain("a < b && **c**");
  });

  test("long prose splits at line ends within 3000 characters; a long line is cut", () => {
    const line = "x".repeat(1000);
    expect(splitText([line, line, line, line].join("\n")).map((p) => p.length)).toEqual([
      2001, 2001,
    ]);
    const pieces = splitText("y".repeat(7000));
    expect(pieces.map((p) => p.length)).toEqual([3000, 3000, 1000]);
    expectWithinLimits(markdownToBlocks(`${line}\n`.repeat(20)), 50);
  });

  test("fitBlocks merges sections first, then cuts and says so", () => {
    const small = Array.from({ length: 60 }, (_, i) => section(`line ${i}`));
    const merged = fitBlocks(small, 50, "cut");
    expect(merged).toHaveLength(1);
    const big = Array.from({ length: 60 }, () => section("z".repeat(2000)));
    const cut = fitBlocks(big, 50, "cut");
    expect(cut).toHaveLength(50);
    expect(cut.at(-1)).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "cut" }] });
    expectWithinLimits(cut, LIMITS.blocksPerMessage);
  });
});
