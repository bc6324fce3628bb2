import { describe, expect, test } from "vitest";
import { plainDoc } from "../../../src/model/reply-doc.js";
import { LIMITS, section } from "../../../src/render/slack/block-kit.js";
import { docToBlocks } from "../../../src/render/slack/doc-blocks.js";
import { fitBlocks, splitText } from "../../../src/render/slack/fit-blocks.js";
import { escapeMrkdwn, link, userRef } from "../../../src/render/slack/mrkdwn.js";
import { expectWithinLimits } from "./limits.js";

describe("mrkdwn helpers", () => {
  test("pasted text cannot ping or forge links", () => {
    expect(escapeMrkdwn("boom <!channel> <@U123> <https://evil|slack.com>")).toBe(
      "boom &lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|slack.com&gt;",
    );
    expect(escapeMrkdwn("a & b")).toBe("a &amp; b");
    expect(userRef("U0123ABC")).toBe("<@U0123ABC>");
    expect(userRef("<!here>")).toBe("&lt;!here&gt;");
    expect(link("javascript:alert(1)", "x")).toBe("x");
    expect(link("https://x.dev", "a|b>")).toBe("<https://x.dev|a¦b&gt;>");
  });
});

describe("fitting Slack's limits", () => {
  test("long prose splits at line ends within 3000 characters; a long line is cut", () => {
    const line = "x".repeat(1000);
    expect(splitText([line, line, line, line].join("\n")).map((p) => p.length)).toEqual([
      2001, 2001,
    ]);
    const pieces = splitText("y".repeat(7000));
    expect(pieces.map((p) => p.length)).toEqual([3000, 3000, 1000]);
    expectWithinLimits(docToBlocks(plainDoc(`${line}\n`.repeat(20))), 50);
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
