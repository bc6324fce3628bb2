import { describe, expect, it } from "vitest";
import { detectIntent } from "../../src/conversation/intents.js";

describe("detectIntent", () => {
  it.each([
    ["human", "handoff"],
    ["Human please!", "handoff"],
    ["can I talk to someone?", "handoff"],
    ["I'd like to speak with a real person about this", "handoff"],
    ["please escalate", "handoff"],
    ["solved", "solved"],
    ["thanks it works", "solved"],
    ["It works now!", "solved"],
    ["that fixed it, thanks", "solved"],
    ["working again after enabling billing", "solved"],
    ["the fallback worked", "solved"],
    ["thanks!", "thanks"],
    ["thank you so much", "thanks"],
  ])("%s → %s", (text, intent) => {
    expect(detectIntent(text)).toBe(intent);
  });

  it.each([
    "it works with claude but not with gemini",
    "still not working",
    "doesn't work now",
    "is it solved?",
    "Regular sessions work fine with the same key",
    "Currently on Claude (works fine).",
    "the human-readable error says 429",
    "```\nsolved\n```",
    `${"a very long paste ".repeat(30)} it works now`,
  ])("no intent in %j", (text) => {
    expect(detectIntent(text)).toBeNull();
  });
});
