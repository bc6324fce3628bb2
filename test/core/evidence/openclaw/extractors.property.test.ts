import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Extractor } from "../../../../src/core/evidence/extractor.js";
import { openclawCacheTraceExtractor } from "../../../../src/core/evidence/openclaw/cache-trace.js";
import { openclawChatStatusExtractor } from "../../../../src/core/evidence/openclaw/chat-status.js";
import { openclawConfigExtractor } from "../../../../src/core/evidence/openclaw/config.js";
import { openclawContextDetailExtractor } from "../../../../src/core/evidence/openclaw/context-detail.js";
import { openclawExtractors } from "../../../../src/core/evidence/openclaw/index.js";
import { parseLenientJson } from "../../../../src/core/evidence/openclaw/lenient-json.js";
import { openclawLogsExtractor } from "../../../../src/core/evidence/openclaw/logs.js";
import { openclawModelsStatusJsonExtractor } from "../../../../src/core/evidence/openclaw/models-status-json.js";
import { openclawModelsStatusPlainExtractor } from "../../../../src/core/evidence/openclaw/models-status-plain.js";
import { openclawProseSignalsExtractor } from "../../../../src/core/evidence/openclaw/prose-signals.js";
import { openclawRewritesExtractor } from "../../../../src/core/evidence/openclaw/rewrites.js";
import { openclawMentionExtractor } from "../../../../src/core/evidence/openclaw/tool-mention.js";
import { openclawVersionExtractor } from "../../../../src/core/evidence/openclaw/version.js";
import { openclawContext, openclawFixture } from "./fixtures.js";

const SEED = 424242;
const ctx = openclawContext();

const EXTRACTORS: Record<string, Extractor> = {
  version: openclawVersionExtractor,
  mention: openclawMentionExtractor,
  rewrites: openclawRewritesExtractor,
  modelsStatusJson: openclawModelsStatusJsonExtractor,
  modelsStatusPlain: openclawModelsStatusPlainExtractor,
  cacheTrace: openclawCacheTraceExtractor,
  logs: openclawLogsExtractor,
  chatStatus: openclawChatStatusExtractor,
  contextDetail: openclawContextDetailExtractor,
  config: openclawConfigExtractor,
  prose: openclawProseSignalsExtractor,
};

/** Capture text cut and spliced at random points: the shapes users paste, damaged. */
const CAPTURES = [
  "models-status-probe-429.json",
  "models-status-probe-429.txt",
  "models-status-profile-cooldown.txt",
  "file-log-429-quota-details.jsonl",
  "agent-local-429-quota-details.stderr.txt",
  "tui-429.txt",
  "cache-trace-429-quota-details.jsonl",
  "all-models-failed.txt",
  "config-google-mitigated.json5",
].map(openclawFixture);

const mangled = fc
  .tuple(fc.constantFrom(...CAPTURES), fc.nat(), fc.nat(), fc.string({ maxLength: 40 }))
  .map(([text, a, b, junk]) => {
    const i = a % (text.length + 1);
    const j = b % (text.length + 1);
    return `${text.slice(0, Math.min(i, j))}${junk}${text.slice(Math.max(i, j))}`;
  });

const input = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.json().map((j) => `\`\`\`json\n${j}\n\`\`\``),
  fc.jsonValue().map((v) =>
    JSON.stringify({
      configPath: "x",
      defaultModel: v,
      auth: { probes: { results: [v] }, unusableProfiles: [v] },
    }),
  ),
  fc.jsonValue().map((v) =>
    JSON.stringify({
      runId: "r",
      ts: "2026-01-01T00:00:00Z",
      seq: 1,
      stage: "session:after",
      messages: [{ role: "assistant", stopReason: "error", errorMessage: v }],
    }),
  ),
  mangled,
);

describe("OpenClaw extractors never throw", () => {
  for (const [name, extractor] of Object.entries(EXTRACTORS)) {
    it(`${name}: arbitrary and mangled input gives evidence, never an exception`, () => {
      fc.assert(
        fc.property(input, (text) => {
          const evidence = extractor(text, ctx);
          expect(Array.isArray(evidence)).toBe(true);
          for (const e of evidence) {
            expect(typeof e.kind).toBe("string");
            expect(e.source.message).toBe(0);
          }
        }),
        { seed: SEED, numRuns: 150 },
      );
    });
  }

  it("the exported list is guarded and complete", () => {
    expect(openclawExtractors).toHaveLength(Object.keys(EXTRACTORS).length);
    fc.assert(
      fc.property(input, (text) => {
        for (const x of openclawExtractors) expect(() => x(text, ctx)).not.toThrow();
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it("the lenient JSON reader agrees with JSON.parse on valid documents", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue())),
        (value) => {
          const text = JSON.stringify(value);
          const parsed = parseLenientJson(text, 0);
          expect(parsed?.complete).toBe(true);
          expect(parsed?.value).toEqual(JSON.parse(text));
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });
});
