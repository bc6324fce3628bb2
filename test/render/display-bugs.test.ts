import { describe, expect, it } from "vitest";
import type { Thread } from "../../src/core/thread.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { triage } from "../../src/triage.js";
import { readFixture } from "../helpers/fixtures.js";

const kb = loadKnowledge();
const SAID_AT = "2026-11-27T14:02:00.000Z";
const QUOTA_PROSE =
  "openclaw keeps failing: 429 You exceeded your current quota. Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 20, model: gemini-2.5-flash. Please retry in 41.5s.";

function thread(content: string, at?: string): Thread {
  return { messages: [{ role: "reporter", content, ...(at ? { at } : {}) }] };
}

const secondsLater = (seconds: number) => new Date(Date.parse(SAID_AT) + seconds * 1000);

describe("display bugs", () => {
  it("a model id read from prose leaves the sentence's full stop behind", () => {
    const { report } = triage(thread(QUOTA_PROSE), kb, secondsLater(5));
    expect(report.model).toBe("gemini-2.5-flash");
    expect(report.reply).toContain("`gemini-2.5-flash`");
    expect(report.reply).not.toContain("gemini-2.5-flash.`");
  });

  it("a provider's wait is stated from when it was said", () => {
    const { report } = triage(thread(QUOTA_PROSE, SAID_AT), kb, secondsLater(10));
    expect(report.reply).toContain("Retry after 41.5 s from 14:02 UTC");
  });

  it("a wait that ran out hours ago is not repeated as fresh", () => {
    const { report } = triage(thread(QUOTA_PROSE, SAID_AT), kb, secondsLater(3 * 3600));
    expect(report.reply).not.toContain("Retry after 41.5 s");
    expect(report.reply).toContain("is over: retrying now is fine");
  });

  it("credits burnt on retries of a throttled key are answered first, in the product's terms", () => {
    const t = JSON.parse(readFixture("replies", "product-credits-retries.json")) as Thread;
    const { report } = triage(t, kb, secondsLater(0));
    expect(report.mitigations[0]?.id).toBe("stop-paid-retries");
    const todo = report.reply.split("**What you can do now**")[1] ?? "";
    expect(todo).toMatch(/^1\. \*\*Stop paying for retries that cannot succeed\*\*/m);
    expect(todo).toMatch(/turn off automatic retries/i);
    expect(todo).toMatch(/credit or spending alert/);
    expect(todo).not.toContain("```");
  });

  it("someone who writes code gets the same point as code: cap retries, dead-letter, budget alert", () => {
    const code =
      "our worker does `import OpenAI from 'openai'` and retries forever; we burned 300 dollars on retries last night\nRateLimitError: 429 Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 500, Used 500, Requested 1.";
    const { report } = triage(thread(code), kb, secondsLater(0));
    expect(report.audience).toBe("api-code");
    expect(report.mitigations[0]?.id).toBe("cap-retries-dead-letter");
    expect(report.mitigations[0]?.snippet).toMatch(/dead-letter[\s\S]*budget alert/);
  });
});
