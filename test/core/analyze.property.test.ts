import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TriageReport } from "../../src/core/report.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { triage } from "../../src/triage.js";
import { NOW } from "../helpers/fixtures.js";

const kb = loadKnowledge();
const SEED = 20261127;

/** Text users really paste, cut and mixed: fragments of bodies, logs, prose, fences. */
const fragment = fc.constantFrom(
  '{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}',
  "RateLimitError: 429 Rate limit reached for gpt-4o in organization org-X on tokens per min (TPM): Limit 30000, Used 1, Requested 2. Please try again in 1.5s.",
  "Error code: 429 - {'error': {'message': 'quota', 'type': 'insufficient_quota', 'param': None}}",
  '"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier"',
  "⚠️ API rate limit reached. Please try again later.",
  "openclaw --version: 2026.2.24",
  "google/gemini-3-flash-preview",
  "maxTokens 512: no effect.",
  "```json\n",
  "```",
  "retry-after: 20",
  "Tier 1: 1M TPM, 1K RPM",
  "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW",
  "\r\n",
  "\u0000",
  "\ufffd\ufffd",
  '{"runId":"r","seq":1,"stage":"session:after","messages":[{"role":"assistant","stopReason":"error","errorMessage":"429',
);
const pasteLike = fc
  .array(
    fc.oneof(fragment, fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 50 })),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(""));

function analyzeText(...texts: string[]) {
  const { report } = triage({ messages: texts.map((content) => ({ content })) }, kb, NOW);
  return TriageReport.parse(report);
}

describe("analyze never breaks on bad input", () => {
  it("arbitrary pastes give a schema-valid report", () => {
    fc.assert(
      fc.property(fc.array(pasteLike, { minLength: 1, maxLength: 3 }), (texts) => {
        const report = analyzeText(...texts);
        expect(report.reply.length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it("arbitrary JSON, stringified and truncated anywhere", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.nat(), (value, cut) => {
        const text = JSON.stringify(value) ?? "null";
        analyzeText(text.slice(0, cut % (text.length + 1)) || "{");
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it("deep nesting and a huge single line finish", () => {
    analyzeText(`${"[".repeat(50_000)}429${"]".repeat(50_000)}`);
    analyzeText(`{"error":{"message":"${"a".repeat(900_000)}"}}`);
    analyzeText("x".repeat(1_200_000));
  });

  it("an unreadable part is reported, not dropped", () => {
    const report = analyzeText(
      "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008binary",
      "real question: getting 429 from gemini",
    );
    expect(report.facts.unreadable[0]?.reason).toMatch(/binary/);
    expect(report.reply).toContain("What I could not read");
  });
});
