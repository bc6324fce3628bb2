import { describe, expect, it } from "vitest";
import type { Thread } from "../../../src/core/thread.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { triage } from "../../../src/triage.js";

const kb = loadKnowledge();
const NOW = new Date("2026-12-01T12:00:00Z");

function reportOf(...messages: string[]) {
  const thread: Thread = { messages: messages.map((content) => ({ content, role: "reporter" })) };
  return triage(thread, kb, NOW).report;
}

describe("more kinds of thread read as a triager would", () => {
  it("a limit error the tool passes on as a normal reply is the tool's bug, the limit underneath", () => {
    const r = reportOf(
      "Bug: when the gateway answers `Concurrency limit exceeded for account, please retry later`, the desktop app posts that error text as a normal assistant reply and marks the turn complete. It should wait and retry instead.",
    );
    expect(r.errorClass).toBe("client_bug");
    expect(r.underlyingClass).toBe("concurrency");
  });

  it("a 429 from Discord's own API is not a model provider's limit", () => {
    const r = reportOf(
      "My bot crashes on start:\ndiscord.errors.HTTPException: 429 Too Many Requests (error code: 0): You are being blocked from accessing our API temporarily due to exceeding our rate limits frequently.\nIt runs on a cheap shared host.",
    );
    expect(r.errorClass).toBe("other");
    expect(r.provider).toBe("other");
  });

  it("a service limiter's 'N per 1 second' message is a short-window request limit", () => {
    const r = reportOf(
      "Our memory plugin logs `RateLimitError: Rate limit exceeded: 10 per 1 second` whenever the cron jobs and a chat turn overlap.",
    );
    expect(r.errorClass).toBe("rpm");
    expect(r.retryable).toBe(true);
  });

  it("a free-tier quota in the error while the account is said to be paid points at the wrong project", () => {
    const r = reportOf(
      'We upgraded to Tier 1 with billing last week, yet the agent still fails with quotaId "GenerateRequestsPerDayPerProjectPerModel-FreeTier" and a limit of 20.',
    );
    expect(r.errorClass).toBe("wrong_dashboard_or_project");
  });

  it("a registry that limits anonymous installs, lifted by logging in, is a per-user limiter", () => {
    const r = reportOf(
      "Installing any skill from the hub fails with 'Rate limit exceeded', from my laptop and from two different servers.",
      "Once I logged in with the hub's CLI the installs worked fine.",
    );
    expect(r.errorClass).toBe("per_user_or_ip");
  });

  it("an expired free trial behind a generic 'rate limit reached' is about credits", () => {
    const r = reportOf(
      "The agent prints 'API Rate Limit Reached. Waiting 10 seconds...' over and over and never gets anywhere.",
      "Found it: my free trial credits had expired. Adding a card fixed it.",
    );
    expect(r.errorClass).toBe("billing_or_credits");
    expect(r.retryable).toBe(false);
  });

  it("overloaded answers during a provider's service degradation are an incident", () => {
    const r = reportOf(
      'During a provider service degradation this afternoon every call returned 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}} and the agent never moved to its fallback.',
    );
    expect(r.errorClass).toBe("provider_incident");
    expect(r.retryable).toBe(true);
  });

  it("the provider said to answer with the error is the one at issue, not the router tried before it", () => {
    const r = reportOf(
      "The chain starts with openrouter/meta-llama/llama-3.3-70b-instruct:free, which fails over at once, and then Groq returns `413 Request too large ... on tokens per minute (TPM): Limit 6000, Requested 9100` for every fresh turn.",
    );
    expect(r.provider).toBe("groq");
    expect(r.errorClass).toBe("request_too_large_or_token_reservation");
    expect(r.retryable).toBe(false);
  });

  it("an organization's tokens-per-day limit quoted in a bug report is a daily quota, not an oversized prompt", () => {
    const r = reportOf(
      "The tool shows 'prompt too large for this model' but the provider actually said:\n```\nrequest reached organization TPD rate limit, current: 2004100, limit: 2000000\n```",
    );
    expect(r.errorClass).toBe("rpd");
    expect(r.retryable).toBe(false);
  });
});

describe("retryable, decided by what fails", () => {
  it("a herd of sessions retrying together is retryable once spaced out, even when a daily budget is mentioned", () => {
    const r = reportOf(
      "Six sessions hit the same 429 at once, each started its own retry loop, and they all retried together again and again, burning our per-day budget too.",
    );
    expect(r.errorClass).toBe("retry_storm_or_burst");
    expect(r.retryable).toBe(true);
    expect(r.retryableBecause).toMatch(/fewer requests at once/);
  });

  it("a tool that says 'rate limited' while the provider is fine is not helped by waiting", () => {
    const r = reportOf(
      "The extension says I'm rate limited on the very first message, but the same key works fine with curl from this machine.",
    );
    expect(r.errorClass).toBe("client_bug");
    expect(r.retryable).toBe(false);
  });

  it("a tool that does not fail over from a passing per-minute limit: the limit is retryable, the tool is the bug", () => {
    const r = reportOf(
      "OpenClaw 2026.8.1: when Gemini answers 429 the agent shows the rate-limit warning as if it were a normal reply, and the fallback chain never fires.",
    );
    expect(r.errorClass).toBe("client_bug");
    expect(r.retryable).toBe(true);
  });
});

describe("provider wordings that mean something else than they say", () => {
  it("Alibaba's 'Allocated quota exceeded' under an insufficient_quota code is a per-minute allocation, not money", () => {
    const r = reportOf(
      'DashScope via the compatible-mode endpoint: 429 {"error":{"code":"insufficient_quota","message":"Allocated quota exceeded, please increase your quota limit.","type":"insufficient_quota"}} — it goes away after a minute.',
    );
    expect(r).toMatchObject({ provider: "qwen", errorClass: "tpm", retryable: true });
  });

  it("a Claude plan used from a third-party app that draws from Extra Usage is not a rate limit", () => {
    const r = reportOf(
      "Every message through the gateway fails with: Third-party apps now draw from your extra usage, not your plan limits. Plain `claude -p hi` works on the same login.",
    );
    expect(r.errorClass).toBe("other");
    expect(r.retryable).toBe(false);
  });

  it("the words of a tool's canned billing warning are not the person's claim that credits ran out", () => {
    const r = reportOf(
      "Running several parallel sub-agents, OpenClaw sometimes posts: ⚠️ API provider returned a billing error — your API key has run out of credits or has an insufficient balance. A second later the retry goes through and the answer arrives.",
    );
    expect(r.errorClass).toBe("retry_storm_or_burst");
    expect(r.retryable).toBe(true);
  });
});

describe("which provider is at issue", () => {
  it("the host of the configured endpoint names the provider, and 'OpenAI-compatible' is not OpenAI", () => {
    const r = reportOf(
      "Our indexer uses an OpenAI-compatible embeddings provider (baseUrl: https://qianfan.baidubce.com/v2/) and gets `RateLimitError: 429 Too Many Requests` after a few hundred chunks.",
    );
    expect(r.provider).toBe("other");
  });

  it("a gateway URL given as the provider is the one at issue, not the model's maker", () => {
    const r = reportOf(
      "session config: model=deepseek-v4-flash, provider=https://opencode.ai/zen/go/v1 — and the reply is 'Concurrency limit exceeded for account, please retry later'.",
    );
    expect(r.provider).toBe("other");
  });

  it("Moonshot's engine_overloaded_error is Moonshot's capacity, not Anthropic's", () => {
    const r = reportOf(
      '调用 8K 模型时报错：{"error":{"message":"The engine is currently overloaded, please try again later","type":"engine_overloaded_error"}}',
    );
    expect(r).toMatchObject({ provider: "moonshot", errorClass: "capacity_or_overload" });
  });
});

describe("advice that fits the reader's plan", () => {
  it("a subscription plan is not told to move up a usage tier", () => {
    const onPlan = reportOf(
      "I'm on the Claude Max plan and Claude Code says: 429 rate_limit_error: This request would exceed the rate limit for your organization of 40,000 input tokens per minute",
    );
    expect(onPlan.errorClass).toBe("input_tpm");
    expect(onPlan.mitigations.map((m) => m.id)).not.toContain("raise-tier");
    const onApi = reportOf(
      "Our backend gets 429 rate_limit_error: This request would exceed the rate limit for your organization of 40,000 input tokens per minute",
    );
    expect(onApi.mitigations.map((m) => m.id)).toContain("raise-tier");
  });
});

describe("the provider's own side, and a tool that cries wolf", () => {
  it("Google's project-provisioning quota at Gemini CLI sign-in is Google's incident, not the user's per-minute limit", () => {
    const r = reportOf(
      "Can't sign in to Gemini CLI with a brand-new account: Quota exceeded for quota metric 'Provisioned requests' and limit 'Provisioned requests per minute' of service 'managedprojects.googleapis.com' for consumer 'project_number:123'.",
    );
    expect(r.errorClass).toBe("provider_incident");
    expect(r.retryable).toBe(true);
  });

  it("an error shown to the user even though the fallback answered is the tool's bug", () => {
    const r = reportOf(
      "Bug: the UI shows '⚠️ API rate limit reached' to the user even when the fallback succeeds and the answer is served by the second model.",
    );
    expect(r.errorClass).toBe("client_bug");
  });
});
