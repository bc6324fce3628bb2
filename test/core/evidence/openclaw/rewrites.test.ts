import { describe, expect, it } from "vitest";
import { openclawRewritesExtractor } from "../../../../src/core/evidence/openclaw/rewrites.js";
import { extract, ofKind, signalIds } from "./fixtures.js";

const reasons = (text: string) =>
  ofKind(extract(text, openclawRewritesExtractor), "rewritten_error").map((r) => r.reason);

describe("openclawRewritesExtractor", () => {
  it("recognises OpenClaw's rewrites and the reason they carry", () => {
    expect(reasons("⚠️ API rate limit reached. Please try again later.")).toEqual(["rate_limit"]);
    expect(
      reasons("bot said: ⚠️ The model request was rate-limited. Please try again in a few minutes."),
    ).toEqual(["rate_limit"]);
    expect(
      reasons("⚠️ Selected model is at capacity. Try a different model, or wait and retry."),
    ).toEqual(["overloaded"]);
    expect(
      reasons("The AI service is temporarily overloaded. Please try again in a moment."),
    ).toEqual(["overloaded"]);
    expect(
      reasons(
        "⚠️ Google (gemini-2.5-pro) returned a billing error — your API key has run out of credits",
      ),
    ).toEqual(["billing"]);
    expect(
      reasons(
        "⚠️ The model provider returned HTTP 429 before replying. This can mean rate limiting, exhausted quota, or an account balance/billing issue.",
      ),
    ).toEqual([null]);
    expect(reasons("LLM request timed out.")).toEqual(["timeout"]);
    expect(reasons("HTTP 429: Resource has been exhausted (e.g. check quota).")).toEqual([
      "rate_limit",
    ]);
    expect(reasons("nothing to see here")).toEqual([]);
  });

  it("turns the cooldown copies into cooldown evidence", () => {
    const minutes = extract(
      "⚠️ Rate-limited — ready in ~2 min. Please try again shortly.",
      openclawRewritesExtractor,
    );
    expect(ofKind(minutes, "cooldown")[0]).toMatchObject({
      reason: "rate_limit",
      remainingMs: 120_000,
    });
    const seconds = extract(
      "⚠️ Rate-limited — ready in ~45s. Please wait a moment.",
      openclawRewritesExtractor,
    );
    expect(ofKind(seconds, "cooldown")[0]?.remainingMs).toBe(45_000);
    const slow = extract(
      "Google is asking us to slow down. Please wait a moment before trying again.",
      openclawRewritesExtractor,
    );
    expect(ofKind(slow, "cooldown")[0]?.provider).toBe("google");
    const all = extract(
      "Provider google is in cooldown (all profiles unavailable)",
      openclawRewritesExtractor,
    );
    expect(signalIds(all)).toContain("all_profiles_in_cooldown");
  });

  it("reads every candidate of an exhausted fallback chain, and a timeout among them", () => {
    const text =
      "All models failed (3): google/gemini-2.5-flash: 429: quota (rate_limit) | openai/gpt-4o-mini: LLM request timed out. (timeout) | anthropic/claude-sonnet-4: 429 rate_limit_error (rate_limit)";
    const evidence = extract(text, openclawRewritesExtractor);
    expect(ofKind(evidence, "model_ref").map((r) => r.provider)).toEqual([
      "google",
      "openai",
      "anthropic",
    ]);
    expect(ofKind(evidence, "rewritten_error")[0]?.reason).toBe("rate_limit");
    expect(signalIds(evidence)).toEqual(
      expect.arrayContaining(["fallback_chain_exhausted", "timeout_in_fallback_chain"]),
    );
  });

  it("notices 'fetch failed' shown in place of the error", () => {
    expect(
      signalIds(extract("openclaw just says: run error: fetch failed", openclawRewritesExtractor)),
    ).toContain("fetch_failed_shown");
  });
});

describe("the seed thread's first post", () => {
  it("counts the same copy once, with or without its period", () => {
    const text =
      "Hitting persistent ⚠️ API rate limit reached errors on Gemini\n- Gateway logs: error=⚠️ API rate limit reached.";
    expect(reasons(text)).toEqual(["rate_limit"]);
  });
});
