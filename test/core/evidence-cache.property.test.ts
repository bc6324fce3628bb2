import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze.js";
import { EvidenceCache } from "../../src/core/evidence/evidence-cache.js";
import type { Thread, ThreadMessage } from "../../src/core/thread.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { NOW } from "../helpers/fixtures.js";
import { content, MODELS_STATUS } from "../helpers/thread-fragments.js";

const kb = loadKnowledge();
const SEED = 20261203;

const message: fc.Arbitrary<ThreadMessage> = fc.record(
  {
    content,
    role: fc.constantFrom("reporter" as const, "community" as const, "bot" as const),
    attachments: fc.array(fc.record({ name: fc.constantFrom("log.txt", "err.json"), content }), {
      maxLength: 1,
    }),
  },
  { requiredKeys: ["content"] },
);

describe("evidence cached per message", () => {
  it("gives the same analysis as reading the whole thread again, event after event", () => {
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom("Gemini 429", "rate limit again"), { nil: undefined }),
        fc.array(message, { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 3 * 86_400_000 }), { minLength: 6, maxLength: 6 }),
        (title, messages, offsets) => {
          const cache = new EvidenceCache(50);
          // One event per message, each at its own time, analysed before and after like the engine.
          for (let n = 1; n <= messages.length; n++) {
            const now = new Date(NOW.getTime() + (offsets[n - 1] ?? 0));
            const thread: Thread = { ...(title ? { title } : {}), messages: messages.slice(0, n) };
            const before: Thread = { ...thread, messages: messages.slice(0, n - 1) };
            if (n > 1) {
              expect(analyze(before, kb, now, undefined, cache)).toEqual(analyze(before, kb, now));
            }
            expect(analyze(thread, kb, now, undefined, cache)).toEqual(analyze(thread, kb, now));
          }
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });

  it("reads a message once, whatever the time of the analyses after it", () => {
    const cache = new EvidenceCache();
    const waits = [
      "HTTP/1.1 429 Too Many Requests\nretry-after: 20",
      '{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[{"retryDelay":"37s"}]}}',
      MODELS_STATUS,
    ];
    const thread: Thread = { messages: waits.map((content) => ({ content })) };
    analyze(thread, kb, NOW, undefined, cache);
    expect(cache.misses).toBe(3);
    for (const minutes of [1, 7, 60 * 30]) {
      const later = new Date(NOW.getTime() + minutes * 60_000);
      const cached = analyze(thread, kb, later, undefined, cache);
      expect(cached).toEqual(analyze(thread, kb, later));
      expect(cached.verdict.resetAt).not.toBeNull();
    }
    expect(cache.misses).toBe(3);
  });

  it("keeps at most its number of entries", () => {
    const cache = new EvidenceCache(3);
    const thread: Thread = {
      messages: ["a 429", "b 429", "c 429", "d 429", "e 429"].map((c) => ({ content: c })),
    };
    analyze(thread, kb, NOW, undefined, cache);
    expect(cache.size).toBe(3);
  });
});
