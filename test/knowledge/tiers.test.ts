import { describe, expect, it } from "vitest";
import { compileKnowledge, KnowledgeError } from "../../src/knowledge/compile.js";
import { loadKnowledge, readRawKnowledge } from "../../src/knowledge/load.js";
import type { TierTable } from "../../src/knowledge/schema.js";

/** data/tiers: published rate-limit tiers from provider-errors.md §3, each a dated snapshot. */

const kb = loadKnowledge();

function tablesOf(provider: string): TierTable[] {
  return kb.tiers.filter((t) => t.provider === provider);
}

function row(provider: string, asOf: string, tier: string, model?: string) {
  return tablesOf(provider)
    .filter((t) => t.asOf === asOf)
    .flatMap((t) => t.tiers)
    .find((r) => r.tier === tier && (model === undefined || r.model === model));
}

describe("tier tables", () => {
  it("load and validate with the knowledge base", () => {
    expect(kb.tiers.length).toBeGreaterThan(10);
  });

  it("cover the providers of provider-errors.md §3", () => {
    const providers = new Set(kb.tiers.map((t) => t.provider));
    for (const p of [
      "google",
      "google-vertex",
      "openai",
      "anthropic",
      "azure-openai",
      "aws-bedrock",
      "groq",
      "openrouter",
      "xai",
      "mistral",
      "deepseek",
      "cohere",
      "together",
      "fireworks",
      "cerebras",
      "moonshot",
    ])
      expect(providers).toContain(p);
  });

  it("date every table and name its source", () => {
    for (const table of kb.tiers) {
      expect(table.asOf, table.source).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect(table.source.length, table.asOf).toBeGreaterThan(10);
      expect(table.tiers.length).toBeGreaterThan(0);
    }
  });

  it("give each row something to say, and only non-negative whole limits", () => {
    for (const table of kb.tiers) {
      for (const r of table.tiers) {
        const limits = [r.rpm, r.tpm, r.rpd, r.itpm, r.otpm].filter((n) => n !== undefined);
        expect(limits.length > 0 || r.qualification !== undefined || r.note !== undefined).toBe(
          true,
        );
        for (const n of limits) {
          expect(Number.isInteger(n)).toBe(true);
          expect(n).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it("keep the Gemini snapshot of 2025-09-05 and the December 2025 cuts apart", () => {
    expect(row("google", "2025-09-05", "Free", "gemini-2.5-flash")).toMatchObject({
      rpm: 10,
      tpm: 250000,
      rpd: 250,
    });
    expect(row("google", "2026-03-20", "Free", "gemini-2.5-flash")?.rpd).toBe(20);
    expect(row("google", "2026-03-20", "Free", "gemini-2.5-pro")?.rpd).toBe(0);
    expect(row("google", "2026", "Tier 1")?.qualification).toBe("link a billing account");
  });

  it("carry OpenAI's tier qualifications and Anthropic's 2025 Tier 1 and 2026 names", () => {
    expect(row("openai", "2025", "Tier 5")?.qualification).toBe("$1,000 paid + 30 days");
    expect(row("anthropic", "2025", "Tier 1", "Claude Sonnet 4")).toMatchObject({
      rpm: 50,
      itpm: 30000,
      otpm: 8000,
    });
    const names = tablesOf("anthropic")
      .find((t) => t.asOf === "2026-10-17")
      ?.tiers.map((r) => r.tier);
    expect(names).toEqual(
      expect.arrayContaining(["Evaluation", "Start", "Build", "Scale", "Custom"]),
    );
  });

  it("a broken tier file fails the load, naming the file and the path", () => {
    const raw = readRawKnowledge();
    const bad = {
      ...raw,
      tiers: [{ file: "data/tiers/x.json", data: [{ provider: "acme", asOf: "2026", tiers: [] }] }],
    };
    expect(() => compileKnowledge(bad)).toThrow(KnowledgeError);
    expect(() => compileKnowledge(bad)).toThrow(/data\/tiers\/x\.json at \[0\]\.provider/);
  });
});
