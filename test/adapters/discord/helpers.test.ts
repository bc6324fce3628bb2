import { describe, expect, it } from "vitest";
import { withoutBotMention } from "../../../src/adapters/discord/incoming.js";
import { parseMessageLink } from "../../../src/adapters/discord/message-link.js";
import { looksLikeRateLimit } from "../../../src/adapters/discord/relevance.js";
import { INVITE_PERMISSIONS } from "../../../src/adapters/discord/startup-checks.js";
import { threadName } from "../../../src/adapters/discord/watch.js";

describe("small helpers", () => {
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
