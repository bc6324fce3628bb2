import { describe, expect, it } from "vitest";
import { joinThreads, parseThreadInput } from "../../../src/core/input/parse-thread.js";

describe("parseThreadInput", () => {
  it("reads the contract's transcript JSON", () => {
    const parsed = parseThreadInput(
      JSON.stringify({
        title: "t",
        messages: [
          { author: "a", content: "x", attachments: [{ name: "trace.jsonl", content: "{}" }] },
        ],
      }),
    );
    expect(parsed.format).toBe("transcript");
    expect(parsed.thread).toEqual({
      title: "t",
      messages: [
        { author: "a", content: "x", attachments: [{ name: "trace.jsonl", content: "{}" }] },
      ],
    });
  });

  it("reads a DiscordChatExporter export, marking bots and linked attachments", () => {
    const dce = {
      guild: { id: "1", name: "OpenClaw" },
      channel: { id: "2", name: "gemini-429-help", topic: null },
      messages: [
        {
          id: "10",
          type: "Default",
          timestamp: "2026-11-20T10:00:00+00:00",
          content: "429 again",
          author: { id: "5", name: "alice", isBot: false },
          attachments: [
            { id: "9", url: "https://cdn.example/trace.jsonl", fileName: "trace.jsonl" },
          ],
          embeds: [],
        },
        {
          id: "11",
          type: "Default",
          timestamp: "2026-11-20T10:01:00+00:00",
          content: "Hi! I'm the bot",
          author: { id: "6", name: "helper", isBot: true },
          attachments: [],
          embeds: [],
        },
      ],
    };
    const parsed = parseThreadInput(JSON.stringify(dce));
    expect(parsed.format).toBe("discord-chat-exporter");
    expect(parsed.thread.title).toBe("gemini-429-help");
    expect(parsed.thread.messages[0]).toMatchObject({
      author: "alice",
      content: "429 again",
      id: "10",
    });
    expect(parsed.thread.messages[0]?.attachments?.[0]?.note).toMatch(/only linked/);
    expect(parsed.thread.messages[1]?.role).toBe("bot");
  });

  it("reads a Slack export array and skips channel joins", () => {
    const slack = [
      {
        type: "message",
        subtype: "channel_join",
        user: "U1",
        text: "<@U1> has joined",
        ts: "1700000000.000100",
      },
      { type: "message", user: "U1", text: "getting 429 from gemini", ts: "1700000001.000200" },
      {
        type: "message",
        subtype: "bot_message",
        bot_id: "B1",
        text: "triage",
        ts: "1700000002.000300",
      },
    ];
    const parsed = parseThreadInput(JSON.stringify(slack));
    expect(parsed.format).toBe("slack-export");
    expect(parsed.thread.messages.map((m) => m.content)).toEqual([
      "getting 429 from gemini",
      "triage",
    ]);
    expect(parsed.thread.messages[1]?.role).toBe("bot");
  });

  it("treats malformed or half-pasted JSON as a plain paste, losing nothing", () => {
    const half = '{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quo';
    expect(parseThreadInput(half)).toEqual({
      format: "plain-text",
      thread: { messages: [{ content: half, role: "reporter" }] },
    });
  });

  it("treats a bare error body (valid JSON, not a transcript) as a paste", () => {
    const body = '{"error":{"code":429,"status":"RESOURCE_EXHAUSTED"}}';
    expect(parseThreadInput(body).format).toBe("plain-text");
  });

  it("joins several inputs into one thread in order", () => {
    const a = parseThreadInput(
      JSON.stringify({ title: "first", messages: [{ content: "one" }] }),
    ).thread;
    const b = parseThreadInput("two").thread;
    expect(joinThreads([a, b])).toEqual({
      title: "first",
      messages: [{ content: "one" }, { content: "two", role: "reporter" }],
    });
  });
});
