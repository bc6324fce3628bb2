import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { priceFor } from "../../../src/core/cost/prices.js";
import { retryCost } from "../../../src/core/cost/retry-cost.js";
import { threadTimeline } from "../../../src/core/timeline/thread-timeline.js";
import { compileKnowledge } from "../../../src/knowledge/compile.js";
import { loadKnowledge, readRawKnowledge } from "../../../src/knowledge/load.js";
import { renderRetryCostLine } from "../../../src/render/markdown/retry-cost-line.js";

const kb = loadKnowledge();
const trace = readFileSync(
  join(import.meta.dirname, "../../fixtures/openclaw/cache-trace-429.jsonl"),
  "utf8",
);

describe("retry cost", () => {
  const { retries } = threadTimeline(
    { messages: [{ content: trace }] },
    { tier: null, rpm: null, tpm: null },
  );
  const cost = retryCost(retries, kb.prices, "google");

  it("prices the retries' input tokens at the model's list price", () => {
    expect(cost?.price?.model).toBe("gemini-2.5-flash");
    expect(cost?.usd).toBeCloseTo(((cost?.retryTokens ?? 0) / 1e6) * 0.3, 10);
    expect(cost?.savedByCap).toBe(9 - 3);
  });

  it("says it in one line and names the cap that would have saved the rest", () => {
    const line = renderRetryCostLine(cost ?? (null as never), kb.prompts["retry-cost"] ?? "");
    expect(line).not.toContain("\n");
    expect(line).toMatch(
      /^\*\*What the retries cost:\*\* 9 retries in 2 min, ≈ [\d.]+k? input tokens/,
    );
    expect(line).toContain("A cap of 3 retries per turn");
    expect(line).toContain("would have saved 6 of them");
  });

  it("is null when nothing was retried", () => {
    const { retries: none } = threadTimeline(
      { messages: [{ content: "no times here" }] },
      { tier: null, rpm: null, tpm: null },
    );
    expect(retryCost(none, kb.prices)).toBeNull();
  });
});

describe("price table", () => {
  it("prefers the longest model id a model starts with", () => {
    expect(priceFor(kb.prices, "google/gemini-2.5-flash-lite-preview")?.model).toBe(
      "gemini-2.5-flash-lite",
    );
    expect(priceFor(kb.prices, "gpt-4o-mini-2024-07-18", "openai")?.inputPerMTok).toBe(0.15);
    expect(priceFor(kb.prices, "some-unknown-model")).toBeNull();
  });

  it("every table names its source and the day it was read", () => {
    for (const table of kb.prices) {
      expect(table.source).toMatch(/^https:\/\//);
      expect(table.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("a price without a source is refused when the knowledge loads", () => {
    const raw = readRawKnowledge();
    raw.prices = [
      {
        file: "data/prices.json",
        data: [
          {
            provider: "google",
            asOf: "2025-10-01",
            currency: "USD",
            models: [{ model: "x", inputPerMTok: 1, outputPerMTok: 1 }],
          },
        ],
      },
    ];
    expect(() => compileKnowledge(raw)).toThrow(/data\/prices\.json at \[0\]\.source/);
  });
});

describe("retry cost told in prose", () => {
  it("advises a retry cap, a dead-letter queue and a spend alert when retries burn credits", async () => {
    const { analyze } = await import("../../../src/core/analyze.js");
    const thread = {
      messages: [
        {
          content:
            "Our enrichment jobs use my own Gemini key and keep failing with 429. I burned 4,200 credits this week on it; support says the credits are coming from retries of the throttled key.",
        },
      ],
    };
    const analysis = analyze(thread, kb, new Date("2026-06-01T00:00:00Z"));
    expect(analysis.verdict.findings.map((f) => f.id)).toContain("retries_burning_credits");
    const ids = analysis.mitigations.map((m) => m.id);
    // A product's user (no code in the thread) gets the product's version of the retry cap.
    expect(ids).toEqual(expect.arrayContaining(["stop-paid-retries", "budget-alert"]));
    expect(analysis.retryCost).toBeNull();
  });
});
