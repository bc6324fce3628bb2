import { describe, expect, it } from "vitest";
import { withoutBotMention } from "../../../src/adapters/discord/incoming.js";
import { parseMessageLink } from "../../../src/adapters/discord/message-link.js";
import { collapse, isDiscordAction } from "../../../src/adapters/discord/perform.js";
import { looksLikeRateLimit } from "../../../src/adapters/discord/relevance.js";
import { INVITE_PERMISSIONS } from "../../../src/adapters/discord/startup-checks.js";
import { threadName } from "../../../src/adapters/discord/watch.js";
import type { Action } from "../../../src/conversation/port.js";
import type { RedactedText } from "../../../src/core/redact/types.js";
import type { TriageReport } from "../../../src/core/report.js";

const report = {} as TriageReport;
const reply = (key: string, text: string): Action => ({
  type: "reply",
  threadKey: key,
  text: text as RedactedText,
  report,
});

describe("collapse", () => {
  it("keeps the last reply per thread and merges consecutive state moves", () => {
    const actions: Action[] = [
      reply("discord:1", "first"),
      { type: "state", threadKey: "discord:1", from: "new", to: "awaiting_user" },
      reply("discord:1", "second"),
      { type: "state", threadKey: "discord:1", from: "awaiting_user", to: "diagnosed" },
      { type: "notice", threadKey: "discord:1", text: "n" as RedactedText, reason: "info" },
    ];
    expect(collapse(actions)).toEqual([
      { type: "state", threadKey: "discord:1", from: "new", to: "awaiting_user" },
      reply("discord:1", "second"),
      { type: "state", threadKey: "discord:1", from: "awaiting_user", to: "diagnosed" },
      { type: "notice", threadKey: "discord:1", text: "n", reason: "info" },
    ]);
  });

  it("drops a state move that ends where it began", () => {
    expect(
      collapse([
        { type: "state", threadKey: "discord:1", from: "diagnosed", to: "handed_off" },
        { type: "state", threadKey: "discord:1", from: "handed_off", to: "diagnosed" },
      ]),
    ).toEqual([]);
  });
});

describe("small helpers", () => {
  it("tells its own actions from another platform's", () => {
    expect(isDiscordAction(reply("discord:1", "x"))).toBe(true);
    expect(isDiscordAction(reply("slack:C1:1.2", "x"))).toBe(false);
  });

  it("parses message and channel links", () => {
    expect(parseMessageLink("https://discord.com/channels/1/2/3")).toEqual({
      guildId: "1",
      channelId: "2",
      messageId: "3",
    });
    expect(parseMessageLink("https://ptb.discord.com/channels/1/2")?.messageId).toBeNull();
    expect(parseMessageLink("https://example.com/channels/1/2/3")).toBeNull();
  });

  it("strips only the bot's own mention", () => {
    expect(withoutBotMention("<@42> <@!42> help <@7>", "42")).toBe("help <@7>");
  });

  it("names a thread from the first line, within Discord's 100 characters", () => {
    expect(threadName("\n  Gemini 429 again\nmore")).toBe("Gemini 429 again");
    expect(threadName("<@42>")).toBe("Rate-limit help");
    expect(threadName("x".repeat(150))).toHaveLength(100);
  });

  it("gates on rate-limit words or a readable file", () => {
    expect(looksLikeRateLimit("HTTP 429 from Gemini")).toBe(true);
    expect(looksLikeRateLimit("RESOURCE_EXHAUSTED")).toBe(true);
    expect(looksLikeRateLimit("my build is slow")).toBe(false);
    expect(looksLikeRateLimit("see file", ["trace.jsonl.gz"])).toBe(true);
    expect(looksLikeRateLimit("see file", ["screenshot.png"])).toBe(false);
  });

  it("computes the invite permission integer from what the checks need", () => {
    // Manage Channels, View Channel, Send Messages, Embed Links, Read Message History, Manage
    // Threads, Create Public Threads, Send Messages in Threads: the number docs/discord.md gives.
    expect(INVITE_PERMISSIONS).toBe(326417599504n);
  });
});
