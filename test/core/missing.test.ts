import { describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze.js";
import { parseThreadInput } from "../../src/core/input/parse-thread.js";
import { loadKnowledge } from "../../src/knowledge/load.js";

const kb = loadKnowledge();
const NOW = new Date("2026-12-01T12:00:00Z");

function asks(...messages: string[]) {
  const input = JSON.stringify({ messages: messages.map((content) => ({ author: "u", content })) });
  return analyze(parseThreadInput(input).thread, kb, NOW).missing;
}

describe("missing info: what a triager asks first", () => {
  it("a tool's log is asked inside the raw-error ask, not as a second ask", () => {
    const missing = asks("aider keeps printing 'rate limit reached' and stops, what do I do?");
    const ids = missing.map((m) => m.id);
    expect(ids).toContain("raw_error");
    expect(ids).not.toContain("logs");
    const raw = missing.find((m) => m.id === "raw_error");
    expect(raw?.howToGet).toMatch(/debug or verbose log/);
    expect(raw?.answeredWhen).toContain("evidence:trace");
  });

  it("an agent tool's fallback settings are asked while the cause is open", () => {
    const missing = asks(
      "OpenClaw answers 'API rate limit reached' on every message since this morning.",
    );
    expect(missing.map((m) => m.id)).toContain("config");
  });

  it("a thread about sub-agents in parallel asks for the concurrency settings whatever the class", () => {
    const missing = asks(
      "I run twelve sub-agents in parallel against Anthropic and they all fail with 429 rate_limit_error: Number of request tokens has exceeded your per-minute rate limit.",
    );
    expect(missing.map((m) => m.id)).toContain("config");
  });

  it("questions that fit the fix to a named verdict do not hold the thread open", () => {
    const missing = asks(
      '429 {"error":{"code":429,"message":"You exceeded your current quota. Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 20, model: gemini-2.5-flash","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]}]}}',
    );
    const usage = missing.find((m) => m.id === "usage_numbers");
    expect(usage?.blocking).toBe(false);
    // They come after what the verdict needs, and never make a reply ask more than five things.
    expect(missing.length).toBeLessThanOrEqual(5);
    expect(missing.filter((m) => m.blocking)).toEqual([]);
  });

  it("a plan named in prose still gets its usage page asked; a tier read from the body does not", () => {
    const named = asks(
      "I'm on the Pro plan and Claude Code says I hit my limit after ten minutes.",
    );
    expect(named.map((m) => m.id)).toContain("account_tier");
    const fromBody = asks(
      'Gemini says: {"error":{"code":429,"message":"You exceeded your current quota. Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 20","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]}]}}',
    );
    expect(fromBody.map((m) => m.id)).not.toContain("account_tier");
  });

  it("the tool's own warning that happens to use a provider's wording is not the raw body", () => {
    const missing = asks(
      "OpenClaw posts: ⚠️ API provider returned a billing error — your API key has run out of credits or has an insufficient balance.",
    );
    expect(missing.map((m) => m.id)).toContain("raw_error");
  });

  it("an agent tool's settings are asked of any agent tool while open, and do not block a decided verdict", () => {
    const open = asks("Cline keeps saying rate limit reached and then stops the task.");
    expect(open.find((m) => m.id === "config")?.blocking).toBe(true);
    const decided = asks(
      'Cline stops with: {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization of 50,000 input tokens per minute."}}',
    );
    const toolAsks = decided.filter((m) => m.id === "config" || m.id === "auth_state");
    expect(toolAsks.length).toBeGreaterThan(0);
    expect(toolAsks.every((m) => m.blocking === false)).toBe(true);
    expect(decided.every((m) => m.id !== "raw_error")).toBe(true);
  });
});
