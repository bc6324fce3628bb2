import { describe, expect, it } from "vitest";
import { analyze, toReport } from "../../src/core/analyze.js";
import { TriageReport } from "../../src/core/report.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { NOW, threadFixture } from "../helpers/fixtures.js";

const kb = loadKnowledge();

function reportOf(name: string) {
  return toReport(analyze(threadFixture(name), kb, NOW), "");
}

describe("analyze: verdicts on real provider formats", () => {
  it("OpenAI TPM with 'try again in': retryable after the stated wait", () => {
    const r = reportOf("openai-tpm-try-again");
    expect(r).toMatchObject({
      provider: "openai",
      model: "gpt-4o",
      errorClass: "tpm",
      retryable: true,
      retryAfterSeconds: 5.282,
    });
    expect(r.facts.rawErrors[0]?.numbers).toEqual({ limit: 30000, used: 26411, requested: 6230 });
    expect(r.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it("Gemini per-day quota: not retryable, resets at midnight Pacific, retryDelay ignored", () => {
    const r = reportOf("gemini-free-tier-per-day");
    expect(r).toMatchObject({
      provider: "google",
      model: "gemini-2.5-flash",
      errorClass: "rpd",
      retryable: false,
      retryAfterSeconds: null,
    });
    // 2026-11-27 20:00 UTC is 12:00 PST: the next Pacific midnight is 08:00 UTC the next day.
    expect(r.facts.resetAt).toBe("2026-11-28T08:00:00.000Z");
    expect(r.mitigations.map((m) => m.id)).toEqual(
      expect.arrayContaining(["wait-for-reset", "enable-billing", "switch-model"]),
    );
    expect(r.mitigations.map((m) => m.id)).not.toContain("buy-openrouter-credits");
    expect(r.missing.map((m) => m.id)).not.toContain("account_tier");
  });

  it("Anthropic ITPM through an agent tool's model ref: asks version, request size and tier", () => {
    const r = reportOf("anthropic-itpm-ref");
    expect(r).toMatchObject({
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      errorClass: "input_tpm",
      retryable: true,
    });
    expect(r.missing.map((m) => m.id)).toEqual(
      expect.arrayContaining(["tool_version", "request_size", "account_tier"]),
    );
  });

  it("OpenAI insufficient_quota in a Python repr is billing, not a rate limit", () => {
    const r = reportOf("openai-insufficient-quota-repr");
    expect(r).toMatchObject({
      provider: "openai",
      errorClass: "billing_or_credits",
      retryable: false,
      retryAfterSeconds: null,
    });
    // The balance, and which org or project the key belongs to (credits bought for another
    // project do not count).
    expect(r.missing.map((m) => m.id)).toEqual(["account_tier", "auth_state"]);
    expect(r.mitigations[0]?.id).toBe("add-credits");
  });

  it("OpenRouter free-models-per-day: reset read as epoch milliseconds", () => {
    const r = reportOf("openrouter-free-daily");
    expect(r).toMatchObject({ provider: "openrouter", errorClass: "rpd", retryable: false });
    expect(r.facts.resetAt).toBe("2026-11-28T00:00:00.000Z");
    expect(r.mitigations.map((m) => m.id)).toContain("buy-openrouter-credits");
  });

  it("a vague report without a raw error stays unknown and asks for the raw error and the tier", () => {
    const r = reportOf("hosted-tool-own-key-vague");
    expect(r).toMatchObject({ provider: "google", errorClass: "unknown", retryable: null });
    expect(r.missing.map((m) => m.id)).toEqual(
      expect.arrayContaining(["raw_error", "account_tier"]),
    );
    expect(r.missing.map((m) => m.id)).not.toContain("tool_version");
    // A product user with credits burning on retries: stop the paid retries, in the product.
    expect(r.audience).toBe("product");
    expect(r.mitigations[0]?.id).toBe("stop-paid-retries");
    expect(r.mitigations.map((m) => m.id)).not.toContain("backoff-jitter");
  });

  it("OpenClaw's rewritten error hides the body: asks version, raw error and models status at once", () => {
    const r = reportOf("openclaw-rewrite-first-post");
    expect(r).toMatchObject({ provider: "google", errorClass: "unknown" });
    expect(r.missing.map((m) => m.id)).toEqual(
      expect.arrayContaining(["tool_version", "raw_error", "model_status"]),
    );
    const raw = r.missing.find((m) => m.id === "raw_error");
    expect(raw?.howToGet).toContain("OPENCLAW_CACHE_TRACE=1");
    expect(r.missing.find((m) => m.id === "model_status")?.howToGet).toBe(
      "openclaw models status --probe --probe-provider google --json",
    );
    expect(r.facts.tier).toEqual({
      tier: "Tier 1",
      limits: { tpm: 1_000_000, rpm: 1000, rpd: 10_000 },
    });
    expect(r.facts.usage).toMatchObject({ tpm: 225_000, rpm: 4, rpd: 22, percentOfLimit: 22 });
  });

  it("the whole OpenClaw thread converges on a provider-side change and rules out the rest with reasons", () => {
    const r = reportOf("openclaw-incident-whole-thread");
    expect(r).toMatchObject({
      provider: "google",
      model: "gemini-3-flash-preview",
      errorClass: "provider_incident",
      retryable: null,
    });
    const out = Object.fromEntries(r.ruledOut.map((o) => [o.id, o.because]));
    expect(out.token_reservation).toBe("maxTokens 512 made no difference");
    expect(out.context_size).toBe("a 22k context fails too");
    expect(out.account_or_key_blocked).toMatch(/minimal request/);
    expect(out.per_ip_throttling).toMatch(/home machine/);
    expect(r.facts.findings.map((f) => f.id)).toEqual(["cli_env_vs_gateway_env"]);
    expect(r.facts.tool).toMatchObject({ id: "openclaw", version: "2026.2.24" });
    expect(r.mitigations.map((m) => m.id)).toEqual(
      expect.arrayContaining([
        "openclaw-minimal-tools",
        "openclaw-fallbacks",
        "openclaw-gateway-env",
      ]),
    );
    expect(r.missing).toEqual([]);
  });

  it("Gemini's message-form quota error: a request quota failing for hours is the per-day one", () => {
    const text =
      "it has been failing for hours now:\n[GoogleGenerativeAI Error]: Error fetching from https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent: [429 Too Many Requests] You exceeded your current quota, please check your plan and billing details.\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 20, model: gemini-2.5-flash\nPlease retry in 22.4s.";
    const r = toReport(analyze({ messages: [{ content: text }] }, kb, NOW), "");
    expect(r).toMatchObject({
      provider: "google",
      model: "gemini-2.5-flash",
      errorClass: "rpd",
      retryable: false,
      retryAfterSeconds: null,
    });
    const withoutHours = toReport(
      analyze(
        { messages: [{ content: text.replace("it has been failing for hours now:\n", "") }] },
        kb,
        NOW,
      ),
      "",
    );
    expect(withoutHours.errorClass).toBe("unknown");
    expect(
      withoutHours.hypotheses
        .map((h) => h.id)
        .slice(0, 2)
        .sort(),
    ).toEqual(["daily_request_quota", "per_minute_requests"]);
  });

  it("Gemini's message-form input-token metric is a per-minute input limit with the retry hint", () => {
    const text =
      "google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'message': 'You exceeded your current quota.\\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_input_token_count, limit: 250000, model: gemini-2.5-flash\\nPlease retry in 37.5s.', 'status': 'RESOURCE_EXHAUSTED'}}";
    const r = toReport(analyze({ messages: [{ content: text }] }, kb, NOW), "");
    expect(r).toMatchObject({
      provider: "google",
      errorClass: "input_tpm",
      retryable: true,
      retryAfterSeconds: 37.5,
    });
  });

  it("a model routed through OpenRouter is OpenRouter's limit", () => {
    const r = toReport(
      analyze(
        {
          messages: [
            {
              content: "using deepseek/deepseek-chat through OpenRouter and I get 429 all the time",
            },
          ],
        },
        kb,
        NOW,
      ),
      "",
    );
    expect(r.provider).toBe("openrouter");
  });

  it("works from a laptop but not from a VPS: per-IP throttling of the datacenter egress", () => {
    const r = toReport(
      analyze(
        {
          messages: [
            {
              content:
                "works on my laptop but on my Hetzner VPS every gemini call returns 429 RESOURCE_EXHAUSTED",
            },
          ],
        },
        kb,
        NOW,
      ),
      "",
    );
    // Every call from that network fails: waiting does not help, another network does.
    expect(r).toMatchObject({ provider: "google", errorClass: "per_user_or_ip", retryable: false });
  });

  it("response headers with an empty token bucket name the limit and the wait", () => {
    const dump =
      'curl -i gives\nHTTP/2 429\nx-ratelimit-limit-tokens: 30000\nx-ratelimit-remaining-tokens: 0\nx-ratelimit-reset-tokens: 6m0s\n\n{"error":{"message":"Too Many Requests"}}  model gpt-4o';
    const r = toReport(analyze({ messages: [{ content: dump }] }, kb, NOW), "");
    expect(r).toMatchObject({
      provider: "openai",
      errorClass: "tpm",
      retryable: true,
      retryAfterSeconds: 360,
    });
  });

  it("a platform in front of the model's own provider is the provider at issue (Vertex, Bedrock, Azure)", () => {
    const providerOf = (content: string) =>
      toReport(analyze({ messages: [{ content }] }, kb, NOW), "");
    expect(providerOf("Gemini 2.5 Pro on Vertex AI returns 429 all day")).toMatchObject({
      provider: "google-vertex",
      model: "gemini-2.5-pro",
    });
    expect(providerOf("claude-sonnet-4 on Bedrock keeps throttling me")).toMatchObject({
      provider: "aws-bedrock",
      model: "claude-sonnet-4",
    });
    expect(providerOf("our gpt-4o deployment on Azure OpenAI gets 429s").provider).toBe(
      "azure-openai",
    );
    expect(providerOf("I deployed my bot on an Azure VM and gpt-4o gives 429").provider).toBe(
      "openai",
    );
  });

  it("every report fits the contract's schema", () => {
    for (const name of [
      "openai-tpm-try-again",
      "openclaw-incident-whole-thread",
      "hosted-tool-own-key-vague",
    ]) {
      expect(() => TriageReport.parse(reportOf(name))).not.toThrow();
    }
  });
});

describe("analyze: the thread refines itself", () => {
  it("a later message overrides an earlier experiment outcome", () => {
    const thread = {
      messages: [
        { content: "I set maxTokens to 1024 and it still fails with 429" },
        { content: "update: lowering max_tokens to 1024 fixed it after all, works now" },
      ],
    };
    const a = analyze(thread, kb, NOW);
    expect(a.facts.experiments.find((e) => e.id === "lower_max_tokens")?.outcome).toBe("helped");
  });

  it("never asks again for what a message already answered", () => {
    const first = analyze(threadFixture("openclaw-rewrite-first-post"), kb, NOW);
    expect(first.missing.map((m) => m.id)).toContain("tool_version");
    const thread = threadFixture("openclaw-rewrite-first-post");
    thread.messages.push({ content: "OpenClaw 2026.9.6 (eb377ac)" });
    const second = analyze(thread, kb, NOW);
    expect(second.missing.map((m) => m.id)).not.toContain("tool_version");
    expect(second.facts.tool).toMatchObject({ version: "2026.9.6", commit: "eb377ac" });
  });

  it("ignores the bot's own messages", () => {
    const thread = {
      messages: [
        {
          role: "bot" as const,
          content:
            "RateLimitError: 429 Rate limit reached for gpt-4o in organization org-X on tokens per min (TPM): Limit 1, Used 1, Requested 1. Please try again in 1s.",
        },
      ],
    };
    expect(analyze(thread, kb, NOW).facts.rawErrors).toEqual([]);
  });
});
