import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTraceSummarizer } from "../../../src/core/trace/summarizer.js";
import { fixtureLines } from "../evidence/openclaw/fixtures.js";

const SEED = 20261123;
const traceLines = [
  ...fixtureLines("cache-trace-429.jsonl").slice(0, 27),
  ...fixtureLines("cache-trace-429-mitigated-maxtokens-minimal-tools.jsonl"),
  ...fixtureLines("cache-trace-ok.jsonl"),
];

describe("trace summariser properties", () => {
  it("never throws on arbitrary lines, and its counts add up", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.json(), fc.constantFrom(...traceLines)), {
          maxLength: 30,
        }),
        (lines) => {
          const s = createTraceSummarizer();
          for (const line of lines) s.push(line);
          const summary = s.summary();
          expect(summary.malformed + summary.foreign + summary.events).toBe(summary.lines);
          expect(summary.errors + summary.successes).toBeLessThanOrEqual(summary.attempts);
          expect(summary.attempts).toBeGreaterThanOrEqual(summary.runs);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("never throws on capture lines cut at any point", () => {
    fc.assert(
      fc.property(fc.constantFrom(...traceLines), fc.nat(), (line, at) => {
        const s = createTraceSummarizer({ strict: true });
        s.push(line.slice(0, at % (line.length + 1)));
        const summary = s.summary();
        expect(summary.events + summary.malformed + summary.foreign).toBe(summary.lines);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("the fast path and the strict parse agree on well-formed traces", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...traceLines), { maxLength: 40 }), (lines) => {
        const fast = createTraceSummarizer();
        const strict = createTraceSummarizer({ strict: true });
        for (const line of lines) {
          fast.push(line);
          strict.push(line);
        }
        expect({ ...fast.summary(), strict: true }).toEqual(strict.summary());
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
