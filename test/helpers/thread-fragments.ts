import fc from "fast-check";
import { NOW } from "./fixtures.js";

/** `openclaw models status --json` with a cooldown given only as an end time (read against now). */
export const MODELS_STATUS = JSON.stringify({
  defaultModel: "google/gemini-2.5-flash",
  auth: {
    providers: [{ provider: "google", profiles: { count: 1, apiKey: 1 } }],
    unusableProfiles: [
      {
        provider: "google",
        profileId: "google:p1",
        kind: "cooldown",
        until: NOW.getTime() + 90_000,
      },
    ],
  },
});

/**
 * Messages as threads have them: errors (many with waits computed from now: seconds to a reset
 * time, a reset time to seconds, the next midnight, a local clock time), logs with times in
 * them, versions, prose.
 */
export const fragment = fc.constantFrom(
  // Stamped lines and a dated header dump: the thread's timeline and its retries.
  "2026-10-02T18:40:00.000Z [model-fetch] response provider=anthropic model=claude-sonnet-4-5 status=200\n2026-10-02T18:40:07.000Z [model-fetch] response provider=anthropic model=claude-sonnet-4-5 status=200\n2026-10-02T18:40:14.000Z [model-fetch] response provider=anthropic model=claude-sonnet-4-5 status=200\n2026-10-02T18:40:21.000Z [model-fetch] response provider=anthropic model=claude-sonnet-4-5 status=200\n2026-10-02T18:40:28.000Z [model-fetch] response provider=anthropic model=claude-sonnet-4-5 status=429\n2026-10-02T18:40:35.000Z [model-fetch] response provider=anthropic model=claude-sonnet-4-5 status=429\n2026-10-02T18:40:41.000Z [auth-profiles] anthropic:default cooling down for 60s reason=rate_limit\n2026-10-02T18:41:41.000Z [model-fetch] response provider=anthropic model=claude-sonnet-4-5 status=429",
  "HTTP/1.1 429 Too Many Requests\ndate: Fri, 27 Nov 2026 19:58:00 GMT\nretry-after: 20",
  MODELS_STATUS,
  "HTTP/1.1 429 Too Many Requests\nretry-after: Fri, 27 Nov 2026 21:00:00 GMT",
  "You've hit your session limit · resets 8:30pm (Asia/Tokyo)",
  "Claude AI usage limit reached|1795474749",
  '{"error":{"code":429,"message":"You exceeded your current quota. Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 20","status":"RESOURCE_EXHAUSTED","details":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]}}',
  "429 x-ratelimit-reset: 1795474749 rate limit exceeded",
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

/** A message's text: a few fragments and some noise, one per line. */
export const content = fc
  .array(fc.oneof(fragment, fc.string({ maxLength: 60 })), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join("\n"));
