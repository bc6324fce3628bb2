import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze.js";
import { EvidenceCache } from "../../src/core/evidence/evidence-cache.js";
import type { Thread, ThreadMessage } from "../../src/core/thread.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { NOW } from "../helpers/fixtures.js";

const kb = loadKnowledge();
const SEED = 20261203;

/** Messages as threads have them: errors (some with waits computed from now), versions, prose. */
const fragment = fc.constantFrom(
  '{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}}',
  "RateLimitError: 429 Rate limit reached for gpt-4o in organization org-X on tokens per min (TPM): Limit 30000, Used 1, Requested 2. Please try again in 1.5s.",
  "HTTP/1.1 429 Too Many Requests\nretry-after: 20\nx-ratelimit-reset-requests: 2m0s\nx-ratelimit-remaining-tokens: 0",
  "Error code: 429 - {'error': {'message': 'quota', 'type': 'insufficient_quota', 'param': None}}",
  '"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier"',
  "openclaw --version: 2026.2.24",
  "google/gemini-3-flash-preview, free tier, about 20 requests a day",
  "I tried maxTokens 512: no effect. Still failing.",
  "thanks, that fixed it",
  "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW",
);
const content = fc
  .array(fc.oneof(fragment, fc.string({ maxLength: 60 })), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join("\n"));
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

  it("keeps at most its number of entries", () => {
    const cache = new EvidenceCache(3);
    const thread: Thread = {
      messages: ["a 429", "b 429", "c 429", "d 429", "e 429"].map((c) => ({ content: c })),
    };
    analyze(thread, kb, NOW, undefined, cache);
    expect(cache.size).toBe(3);
  });
});
