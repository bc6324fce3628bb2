import { describe, expect, test } from "vitest";
import { isSlackFileUrl } from "../../../src/adapters/slack/files.js";
import {
  formText,
  isEmptyForm,
  parseFormTarget,
  readForm,
} from "../../../src/adapters/slack/form.js";
import { looksLikeRateLimit } from "../../../src/adapters/slack/relevance.js";
import { mentions, slackToPlainText, titleOf } from "../../../src/adapters/slack/slack-text.js";
import { parseSlackThreadKey, slackThreadKey } from "../../../src/adapters/slack/thread-key.js";

describe("Slack text for the engine", () => {
  test("unescapes entities and unwraps links, mentions and channels; drops the bot's mention", () => {
    expect(
      slackToPlainText(
        "<@UBOT> see <https://x.dev/a?b=1&amp;c=2|the docs> in <#C1|support>, cc <@U2> &lt;3 &amp; <!here>",
        "UBOT",
      ),
    ).toBe("see the docs (https://x.dev/a?b=1&c=2) in #support, cc @U2 <3 & @here");
    expect(slackToPlainText("<https://example.com>")).toBe("https://example.com");
    expect(mentions("hi <@UBOT>", "UBOT")).toBe(true);
    expect(mentions("hi <@UBOT>", undefined)).toBe(false);
  });

  test("a title is the first line with words, never a code fence", () => {
    expect(titleOf("```\ncode\n```")).toBe("code");
    expect(titleOf("\n  Gemini 429   at 22%  \nmore")).toBe("Gemini 429 at 22%");
    expect(titleOf("")).toBe("Rate-limit question");
    expect(titleOf("x".repeat(300))).toHaveLength(100);
  });

  test("rate-limit relevance is broad on words and trace files, quiet otherwise", () => {
    for (const text of [
      "got a 429",
      "RESOURCE_EXHAUSTED",
      "Rate limit reached",
      "TPM exceeded",
      "overloaded_error",
    ])
      expect(looksLikeRateLimit(text), text).toBe(true);
    expect(looksLikeRateLimit("how do I change the theme?")).toBe(false);
    expect(looksLikeRateLimit("see attached", ["trace.jsonl.gz"])).toBe(true);
    expect(looksLikeRateLimit("see attached", ["screenshot.png"])).toBe(false);
  });

  test("thread keys round-trip and reject others' keys", () => {
    expect(parseSlackThreadKey(slackThreadKey("C123", "1700000000.000100"))).toEqual({
      channel: "C123",
      threadTs: "1700000000.000100",
    });
    expect(parseSlackThreadKey("discord:123")).toBeNull();
    expect(parseSlackThreadKey("slack:C1:notats")).toBeNull();
  });
});

describe("the bot token goes only to Slack's file hosts", () => {
  const api = "https://slack.com/api/";
  test.each([
    ["https://files.slack.com/files-pri/T1-F1/a.log", true],
    ["https://slack.com/files-pri/T1-F1/a.log", true],
    ["http://files.slack.com/files-pri/T1-F1/a.log", false],
    ["https://files.slack.com.evil.dev/a.log", false],
    ["https://evil.dev/slack.com/a.log", false],
    ["not a url", false],
  ])("%s → %s", (url, ok) => {
    expect(isSlackFileUrl(url, api)).toBe(ok);
  });

  test("the configured API host (a test fake, GovSlack) counts as Slack's", () => {
    expect(isSlackFileUrl("http://127.0.0.1:4000/files-pri/x", "http://127.0.0.1:4000/api/")).toBe(
      true,
    );
    expect(isSlackFileUrl("http://127.0.0.1:4001/files-pri/x", "http://127.0.0.1:4000/api/")).toBe(
      false,
    );
    expect(isSlackFileUrl("https://files.slack-gov.com/x", "https://slack-gov.com/api/")).toBe(
      true,
    );
  });
});

describe("the Paste details form", () => {
  test("reads fields and writes them as a paste with fenced output", () => {
    const form = readForm({
      version: { version: { value: " 2026.3.1 " } },
      raw_error: { raw_error: { value: "429 RESOURCE_EXHAUSTED" } },
      models_status: { models_status: { value: null } },
    });
    expect(isEmptyForm(form)).toBe(false);
    expect(formText(form)).toBe(
      "Tool version: 2026.3.1\n\nRaw error:\n```\n429 RESOURCE_EXHAUSTED\n```",
    );
    expect(isEmptyForm(readForm({}))).toBe(true);
  });

  test("its metadata names a Slack thread or a channel, nothing else", () => {
    expect(parseFormTarget('{"threadKey":"slack:C1:1.2"}')).toEqual({ threadKey: "slack:C1:1.2" });
    expect(parseFormTarget('{"channel":"C1"}')).toEqual({ channel: "C1" });
    expect(parseFormTarget('{"threadKey":"discord:1"}')).toBeNull();
    expect(parseFormTarget("not json")).toBeNull();
    expect(parseFormTarget(undefined)).toBeNull();
  });
});
