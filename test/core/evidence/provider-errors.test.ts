import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { matchProviderError } from "../../../src/core/evidence/provider-errors.js";
import type { ProviderErrorEvidence } from "../../../src/core/evidence/types.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";

/**
 * The signature catalogue (data/signatures) against real payloads. The fixtures are copies of the
 * provider-errors catalogue (compiled 2026-11) with the verdicts the bot must give; tests never read
 * the shared reference itself.
 */

interface Expected {
  signatureId: string | null;
  provider: string | null;
  errorClass: string | null;
  retryable: boolean | null;
  retryAfterSeconds: number | null;
  model?: string;
}

interface CatalogueEntry {
  id: string;
  provider: string;
  status: number | null;
  headers: Record<string, string>;
  body: string;
  /** Replaces the body when the catalogue has none (literal: false entries). */
  text?: string;
  now?: string;
  expected: Expected;
  reference: { retryable: boolean | null; dimension: string; literal: boolean };
  ambiguous?: string;
  note?: string;
}

interface Fingerprint {
  id: string;
  text: string;
  now?: string;
  expected: Expected;
  note?: string;
}

interface RawPayload {
  id: string;
  status: number | null;
  headers: Record<string, string>;
  body: string;
}

function fixture<T>(name: string): T {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/provider-errors/${name}`, import.meta.url), "utf8"),
  ) as T;
}

const catalogue = fixture<{ now: string; entries: CatalogueEntry[] }>("catalogue.json");
const fingerprints = fixture<{ now: string; fingerprints: Fingerprint[]; nonLlm: RawPayload[] }>(
  "fingerprints.json",
);
const kb = loadKnowledge();
const NOW = new Date(catalogue.now);

function match(text: string, now: Date = NOW): ProviderErrorEvidence | null {
  return matchProviderError(text, { kb, now, source: { message: 0 } });
}

/** The body, with headers as `Name: value` lines under a status line when the payload has them (curl -i). */
function render(entry: { status: number | null; headers: Record<string, string>; body: string }) {
  const headers = Object.entries(entry.headers);
  if (headers.length === 0) return entry.body;
  const head = [`HTTP/1.1 ${entry.status ?? ""}`.trim(), ...headers.map(([k, v]) => `${k}: ${v}`)];
  return entry.body ? `${head.join("\n")}\n\n${entry.body}` : head.join("\n");
}

/** How users paste into a help thread: a line of prose, the error in a code fence, a question. */
function pasted(text: string): string {
  return `hey, started getting this after lunch :(\n\`\`\`\n${text}\n\`\`\`\nany idea what I'm doing wrong?`;
}

function expectVerdict(found: ProviderErrorEvidence | null, expected: Expected): void {
  if (expected.signatureId === null) {
    expect(found).toBeNull();
    return;
  }
  expect(found).not.toBeNull();
  expect({
    signatureId: found?.signatureId,
    provider: found?.provider,
    errorClass: found?.errorClass,
    retryable: found?.retryable,
    retryAfterSeconds: found?.retryAfterSeconds,
  }).toEqual({
    signatureId: expected.signatureId,
    provider: expected.provider,
    errorClass: expected.errorClass,
    retryable: expected.retryable,
    retryAfterSeconds: expected.retryAfterSeconds,
  });
  if (expected.model !== undefined) expect(found?.model).toBe(expected.model);
}

describe("catalogue payloads (provider-errors.json, every LLM-provider entry)", () => {
  it.each(catalogue.entries)("$id", (entry) => {
    const text = entry.text ?? render(entry);
    const now = entry.now ? new Date(entry.now) : NOW;
    expectVerdict(match(text, now), entry.expected);
  });

  it.each(catalogue.entries)("$id, pasted in a thread", (entry) => {
    const text = pasted(entry.text ?? render(entry));
    const now = entry.now ? new Date(entry.now) : NOW;
    expectVerdict(match(text, now), entry.expected);
  });

  it("covers every provider of the catalogue", () => {
    const providers = new Set(catalogue.entries.map((e) => e.provider));
    for (const p of [
      "google",
      "google-vertex",
      "openai",
      "azure-openai",
      "anthropic",
      "aws-bedrock",
      "openrouter",
      "groq",
      "mistral",
      "deepseek",
      "xai",
      "cohere",
      "together",
      "fireworks",
      "cerebras",
      "ollama",
      "github-copilot",
      "moonshot",
      "minimax",
    ])
      expect(providers).toContain(p);
  });

  it("explains every expectation that differs from the catalogue's own retryable", () => {
    const differing = catalogue.entries.filter(
      (e) =>
        e.expected.signatureId !== null &&
        e.reference.retryable !== null &&
        e.expected.retryable !== e.reference.retryable,
    );
    expect(differing.map((e) => e.id).sort()).toEqual([
      "cohere-429-sdk",
      "fireworks-429-usage-limits",
      "openai-429-rpd-10000",
    ]);
    for (const e of differing) expect(e.ambiguous?.length ?? 0, e.id).toBeGreaterThan(80);
  });
});

describe("fingerprints without a pasted body (provider-errors.md §1)", () => {
  it.each(fingerprints.fingerprints)("$id", (fp) => {
    const now = fp.now ? new Date(fp.now) : new Date(fingerprints.now);
    expectVerdict(match(fp.text, now), fp.expected);
  });
});

describe("numbers the bodies carry", () => {
  const byId = new Map(catalogue.entries.map((e) => [e.id, e]));
  const numbersOf = (id: string) => {
    const entry = byId.get(id);
    if (!entry) throw new Error(`no fixture entry ${id}`);
    return match(entry.text ?? render(entry))?.numbers;
  };

  it("reads OpenAI/Groq Limit, Used, Requested, including Groq's ~estimates", () => {
    expect(numbersOf("openai-429-tpm-python-dict")).toEqual({
      limit: 10000,
      used: 9348,
      requested: 5086,
    });
    expect(numbersOf("groq-429-requested-exceeds-limit-2024")).toEqual({
      limit: 7000,
      used: 0,
      requested: 12903,
    });
    expect(numbersOf("groq-413-request-too-large")).toEqual({ limit: 6000, requested: 12328 });
  });

  it("reads xAI's actual/limit and Moonshot's current/limit so the engine can compare them", () => {
    expect(numbersOf("xai-429-team-tpm")).toEqual({ used: 65605, limit: 16000 });
    expect(numbersOf("moonshot-429-project-tpm")).toEqual({ used: 1410, limit: 100 });
  });

  it("reads Anthropic's ITPM limit and Gemini's quotaValue", () => {
    expect(numbersOf("anthropic-429-itpm-ai-sdk-wrapped")).toEqual({ limit: 1000000 });
    expect(numbersOf("gemini-429-freetier-rpd-structured")).toEqual({ limit: 250 });
  });

  it("reads Gemini's quota metric, id and window", () => {
    const entry = byId.get("gemini-429-freetier-rpd-structured");
    if (!entry) throw new Error("fixture");
    expect(match(entry.body)?.quota).toEqual({
      metric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
      id: "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
      value: 250,
      window: "day",
    });
  });
});

/** Inner bodies copied from the catalogue fixture, wrapped the way each tool or SDK prints them. */
describe("wrappers around real inner bodies (provider-errors.md §1, 'Agent-tool and SDK wrappers')", () => {
  const ANTHROPIC_ITPM = {
    type: "error",
    error: {
      type: "rate_limit_error",
      message:
        "This request would exceed your organization's rate limit of 30,000 input tokens per minute (org: 5456025a-920d-4fae-83df-eb142ce029c1, model: claude-sonnet-4-20250514). For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.",
    },
    request_id: "req_011CZRtHe9vmeRRMu6G4rMhJ",
  };
  const GROQ_TPM_MESSAGE =
    "Rate limit reached for model `llama-3.1-8b-instant` in organization `org_01j5b4pz9jff492fq686vypsx6` service tier `on_demand` on tokens per minute (TPM): Limit 6000, Used 5034, Requested 1443. Please try again in 4.77s. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing";
  const GEMINI_PER_DAY = {
    error: {
      code: 429,
      message:
        "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
      status: "RESOURCE_EXHAUSTED",
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.QuotaFailure",
          violations: [
            {
              quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
              quotaId: "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
              quotaDimensions: { location: "global", model: "gemini-2.5-flash" },
              quotaValue: "250",
            },
          ],
        },
        { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "22s" },
      ],
    },
  };
  const GEMINI_RPM_DETAILS = [
    {
      "@type": "type.googleapis.com/google.rpc.QuotaFailure",
      violations: [
        {
          quotaMetric: "generativelanguage.googleapis.com/generate_requests_per_model",
          quotaId: "GenerateRequestsPerMinutePerProjectPerModel",
          quotaDimensions: { location: "global", model: "gemini-2.5-pro" },
          quotaValue: "150",
        },
      ],
    },
    { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "44s" },
  ];
  const GEMINI_503 = {
    error: {
      code: 503,
      message: "The model is overloaded. Please try again later.",
      status: "UNAVAILABLE",
    },
  };
  const OPENAI_TPM = {
    error: {
      message:
        "Rate limit reached for gpt-4o in organization org-uOtiSEwvUnroadaOnJJquBEC on tokens per min (TPM): Limit 30000, Used 29937, Requested 385. Please try again in 644ms. Visit https://platform.openai.com/account/rate-limits to learn more.",
      type: "tokens",
      param: null,
      code: "rate_limit_exceeded",
    },
  };
  const SPEND_CAP = {
    type: "error",
    error: {
      type: "rate_limit_error",
      message:
        "You have reached your API usage limits: your organization has crossed its monthly API usage threshold, set based on your organization's API tier. You will regain access on 2026-04-01 at 00:00 UTC.",
      details: { error_code: "enforced_spend_limit_reached" },
    },
  };

  /** Python's repr of a str: single quotes unless the text has one and no double quote. */
  function pyStr(s: string): string {
    const escaped = s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
    if (s.includes("'") && !s.includes('"')) return `"${escaped}"`;
    return `'${escaped.replace(/'/g, "\\'")}'`;
  }
  /** Python's repr of a parsed JSON value (dicts with single quotes, None, True/False). */
  function pyRepr(value: unknown): string {
    if (value === null) return "None";
    if (typeof value === "boolean") return value ? "True" : "False";
    if (typeof value === "number") return String(value);
    if (typeof value === "string") return pyStr(value);
    if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${pyStr(k)}: ${pyRepr(v)}`)
      .join(", ")}}`;
  }

  const cases: Array<{
    name: string;
    text: string;
    signatureId: string;
    provider: string;
    retryAfterSeconds?: number | null;
    wrapper?: string | null;
  }> = [
    {
      name: "litellm RateLimitError with the provider's exception label",
      text: `litellm.RateLimitError: AnthropicException - ${JSON.stringify(ANTHROPIC_ITPM)}`,
      signatureId: "anthropic-input-tpm",
      provider: "anthropic",
      wrapper: "litellm",
    },
    {
      name: "litellm's unreliable label (AI Studio Gemini as VertexAIException)",
      text: `litellm.RateLimitError: litellm.RateLimitError: VertexAIException - b'${JSON.stringify(GEMINI_PER_DAY, null, 2).replace(/\n/g, "\\n")}'`,
      signatureId: "gemini-per-day-quota",
      provider: "google",
      retryAfterSeconds: 68400,
      wrapper: "litellm",
    },
    {
      name: "litellm proxy: Python dict with the inner error as a str, type throttling_error",
      text: `Error code: 429 - ${pyRepr({
        error: {
          message: `litellm.RateLimitError: RateLimitError: GroqException - ${JSON.stringify({ error: { message: GROQ_TPM_MESSAGE, type: "tokens", code: "rate_limit_exceeded" } })}\nReceived Model Group=groq/llama-3.1-8b-instant\nAvailable Model Group Fallbacks=None`,
          type: "throttling_error",
          param: null,
          code: "429",
        },
      })}`,
      signatureId: "groq-tpm",
      provider: "groq",
      retryAfterSeconds: 4.77,
      wrapper: "litellm",
    },
    {
      name: "Vercel AI SDK AI_RetryError with the last error's message",
      text: `RetryError [AI_RetryError]: Failed after 3 attempts. Last error: ${OPENAI_TPM.error.message}\n    at _retryWithExponentialBackoff (file:///app/node_modules/ai/dist/index.mjs:301:13)`,
      signatureId: "openai-tpm",
      provider: "openai",
      retryAfterSeconds: 0.644,
      wrapper: "vercel-ai-sdk",
    },
    {
      name: "Vercel AI SDK AI_APICallError with statusCode and responseBody",
      text: `AI_APICallError: You exceeded your current quota, please check your plan and billing details.\n    at file:///app/node_modules/@ai-sdk/provider-utils/dist/index.mjs:600:14 {\n  url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',\n  statusCode: 429,\n  responseBody: '${JSON.stringify(GEMINI_PER_DAY, null, 2).replace(/\n/g, "\\n")}',\n  isRetryable: true\n}`,
      signatureId: "gemini-per-day-quota",
      provider: "google",
      retryAfterSeconds: 68400,
      wrapper: "vercel-ai-sdk",
    },
    {
      name: "Stainless Python SDK: Error code: 429 - {...} dict repr with None",
      text: `openai.RateLimitError: Error code: 429 - ${pyRepr(OPENAI_TPM)}`,
      signatureId: "openai-tpm",
      provider: "openai",
      retryAfterSeconds: 0.644,
      wrapper: "python-sdk",
    },
    {
      name: "Stainless Python SDK: a message with an apostrophe is repr'd in double quotes",
      text: `anthropic.RateLimitError: Error code: 429 - ${pyRepr(ANTHROPIC_ITPM)}`,
      signatureId: "anthropic-input-tpm",
      provider: "anthropic",
      wrapper: "python-sdk",
    },
    {
      name: "Stainless Python SDK around the spend cap (no retry-after, date in the message)",
      text: `anthropic.RateLimitError: Error code: 429 - ${pyRepr(SPEND_CAP)}`,
      signatureId: "anthropic-spend-cap",
      provider: "anthropic",
      retryAfterSeconds: (Date.parse("2026-04-01T00:00:00Z") - NOW.getTime()) / 1000,
      wrapper: "python-sdk",
    },
    {
      name: "Node SDK: '<status> <message>'",
      text: `429 ${OPENAI_TPM.error.message}`,
      signatureId: "openai-tpm",
      provider: "openai",
      retryAfterSeconds: 0.644,
    },
    {
      name: "Anthropic Node SDK: '<status> <json>' with a retry-after header line",
      text: `RateLimitError: 429 ${JSON.stringify(ANTHROPIC_ITPM)}\nretry-after: 17`,
      signatureId: "anthropic-input-tpm",
      provider: "anthropic",
      retryAfterSeconds: 17,
    },
    {
      name: "Continue: the upstream JSON double-encoded in error.message",
      text: JSON.stringify({
        error: {
          message: `${JSON.stringify(GEMINI_PER_DAY, null, 2)}\n`,
          code: 429,
          status: "Too Many Requests",
        },
      }),
      signatureId: "gemini-per-day-quota",
      provider: "google",
      retryAfterSeconds: 68400,
    },
    {
      name: "Continue: URL-encoded query characters ('Need more tokens%3F')",
      text: `Error: llama-3.1-8b-instant - 429 ${GROQ_TPM_MESSAGE.replace("?", "%3F")}`,
      signatureId: "groq-tpm",
      provider: "groq",
      retryAfterSeconds: 4.77,
    },
    {
      name: "legacy Google JS SDK: [GoogleGenerativeAI Error] ... [429 Too Many Requests] msg [details]",
      text: `[GoogleGenerativeAI Error]: Error fetching from https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent: [429 Too Many Requests] You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. ${JSON.stringify(GEMINI_RPM_DETAILS)}`,
      signatureId: "gemini-per-minute-requests",
      provider: "google",
      retryAfterSeconds: 44,
      wrapper: "google-sdk",
    },
    {
      name: "Python google-genai ClientError: 429 RESOURCE_EXHAUSTED. {dict repr}",
      text: `google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. ${pyRepr(GEMINI_PER_DAY)}`,
      signatureId: "gemini-per-day-quota",
      provider: "google",
      retryAfterSeconds: 68400,
      wrapper: "google-sdk",
    },
    {
      name: "google.api_core ResourceExhausted",
      text: "google.api_core.exceptions.ResourceExhausted: 429 Resource has been exhausted (e.g. check quota).",
      signatureId: "gemini-generic-exhausted",
      provider: "google",
      wrapper: "google-sdk",
    },
    {
      name: "Gemini CLI: [API Error: got status: UNAVAILABLE. {...}]",
      text: `✕ [API Error: got status: UNAVAILABLE. ${JSON.stringify(GEMINI_503)}]`,
      signatureId: "gemini-503-overloaded",
      provider: "google",
    },
    {
      name: "Google streaming endpoints: the error in a JSON array",
      text: JSON.stringify([GEMINI_PER_DAY]),
      signatureId: "gemini-per-day-quota",
      provider: "google",
      retryAfterSeconds: 68400,
    },
    {
      name: "boto3: An error occurred (ThrottlingException) ... (reached max retries: 4)",
      text: "botocore.errorfactory.ThrottlingException: An error occurred (ThrottlingException) when calling the InvokeModel operation (reached max retries: 4): Too many tokens, please wait before trying again.",
      signatureId: "bedrock-too-many-tokens",
      provider: "aws-bedrock",
      wrapper: "aws-sdk",
    },
    {
      name: "AWS SDK for JavaScript v3 error dump",
      text: "ThrottlingException: Too many requests, please wait before trying again. You have sent too many requests. Wait before trying again.\n    at de_ThrottlingExceptionRes (/app/node_modules/@aws-sdk/client-bedrock-runtime/dist-cjs/index.js:1236:21) {\n  name: 'ThrottlingException',\n  $fault: 'client',\n  $metadata: {\n    httpStatusCode: 429,\n    requestId: '158a2e26-c851-4440-9f98-e3065df1de46',\n    attempts: 3,\n    totalRetryDelay: 274\n  }\n}",
      signatureId: "bedrock-too-many-requests",
      provider: "aws-bedrock",
      wrapper: "aws-sdk",
    },
    {
      name: "Claude Code: API Error (429 {...}) · Retrying in 32 seconds… (attempt 7/10)",
      text: `API Error (429 ${JSON.stringify(ANTHROPIC_ITPM)}) · Retrying in 32 seconds… (attempt 7/10)`,
      signatureId: "anthropic-input-tpm",
      provider: "anthropic",
      retryAfterSeconds: null,
      wrapper: "claude-code",
    },
    {
      name: "Claude Code: API Error: 429 {...}",
      text: `API Error: 429 ${JSON.stringify(SPEND_CAP)}`,
      signatureId: "anthropic-spend-cap",
      provider: "anthropic",
      wrapper: "claude-code",
    },
    {
      name: "Claude Code on Bedrock: API Error: Request rejected (429) - <message>",
      text: "API Error: Request rejected (429) - Too many tokens per day, please wait before trying again.",
      signatureId: "bedrock-tokens-per-day",
      provider: "aws-bedrock",
    },
    {
      name: "Anthropic SSE mid-stream error after HTTP 200",
      text: 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      signatureId: "anthropic-overloaded",
      provider: "anthropic",
    },
  ];

  it.each(cases)("$name", (c) => {
    const found = match(c.text);
    expect(found?.signatureId).toBe(c.signatureId);
    expect(found?.provider).toBe(c.provider);
    if (c.retryAfterSeconds !== undefined)
      expect(found?.retryAfterSeconds).toBe(c.retryAfterSeconds);
    if (c.wrapper !== undefined) expect(found?.wrapper).toBe(c.wrapper);
  });

  it("reads the status and the message through the Python dict repr", () => {
    const found = match(`openai.RateLimitError: Error code: 429 - ${pyRepr(OPENAI_TPM)}`);
    expect(found?.status).toBe(429);
    expect(found?.code).toBe("rate_limit_exceeded");
    expect(found?.message).toBe(OPENAI_TPM.error.message);
  });
});

describe("the more specific signature wins where providers share wording (provider-errors.md §1)", () => {
  it("'exceeded your current quota': Google markers make it Gemini, their absence OpenAI", () => {
    const sentence = "You exceeded your current quota, please check your plan and billing details.";
    expect(match(`429 ${sentence}`)?.signatureId).toBe("openai-insufficient-quota");
    expect(
      match(
        `{"error":{"code":429,"message":"${sentence} For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.","status":"RESOURCE_EXHAUSTED"}}`,
      )?.signatureId,
    ).toBe("gemini-quota-no-details");
  });

  it("'Rate limit reached for model … (TPM)': Groq's backticks, service tier and org_ ids make it Groq", () => {
    const openai =
      "Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Used 29937, Requested 385. Please try again in 644ms.";
    const groq =
      "Rate limit reached for model `llama-3.3-70b-versatile` in organization `org_01hrsvc1b8ey0anvbgha0xckf2` service tier `on_demand` on tokens per minute (TPM): Limit 12000, Used 11000, Requested 1500. Please try again in 2.5s.";
    expect(match(openai)?.provider).toBe("openai");
    expect(match(groq)?.provider).toBe("groq");
    expect(match(groq)?.specificity).toBeGreaterThan(match(openai)?.specificity ?? 1);
  });

  it("rate_limit_error from MiniMax's Anthropic-compatible endpoint is MiniMax", () => {
    const body = `{"type":"error","error":{"type":"rate_limit_error","message":"usage limit exceeded, 5-hour usage limit reached for Token Plan Plus (0/0 used), resets at 2026-05-15T15:00:00Z"}}`;
    expect(match(body)?.provider).toBe("minimax");
  });

  it("Vertex's error-code-429 body: Gemini CLI's wrapper makes it Code Assist, otherwise Vertex", () => {
    const body =
      '{"error":{"code":429,"message":"Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.","status":"RESOURCE_EXHAUSTED"}}';
    expect(match(body)?.provider).toBe("google-vertex");
    expect(match(`✕ [API Error: [${body}]]`)?.signatureId).toBe("codeassist-capacity");
  });

  it("OpenAI-SDK-shaped bodies of other services are not taken for OpenAI", () => {
    const qianfan =
      "openai.RateLimitError: Error code: 429 - {'error': {'code': 'rpm_rate_limit_exceeded', 'message': 'Rate limit reached for RPM', 'type': 'rate_limit_exceeded'}, 'id': 'as-wbx23eriqh'}";
    expect(match(qianfan)?.provider).toBe("other");
  });

  it("a generic 429 guesses the provider from a model id in the text", () => {
    const found = match(
      'litellm.RateLimitError: RateLimitError: OpenAIException - {"error":{"message":"slow down","code":429}} model=gpt-4o-mini',
    );
    expect(found?.signatureId).toBe("generic-rate-limit-error");
    expect(found?.provider).toBe("openai");
    expect(found?.errorClass).toBeNull();
  });
});

describe("generic fallbacks (provider unknown, guessed from the text)", () => {
  it.each([
    {
      text: "Error code: 429 - {'error': {'message': 'slow down', 'code': 429}}",
      signatureId: "generic-http-429",
      errorClass: null,
      provider: null,
    },
    {
      text: 'AI_APICallError: Too Many Requests\n  url: "https://api.mistral.ai/v1/chat/completions"',
      signatureId: "generic-rate-limit-error",
      errorClass: null,
      provider: "mistral",
    },
    {
      text: '{"error":{"code":429,"message":"Quota exceeded for this project.","status":"RESOURCE_EXHAUSTED"}} model: gemini-2.5-flash',
      signatureId: "generic-quota-exceeded",
      errorClass: null,
      provider: "google",
    },
    {
      text: 'HTTP/1.1 503\n{"detail": "The server is overloaded, retry later"} model=deepseek-chat',
      signatureId: "generic-overloaded",
      errorClass: "capacity_or_overload",
      provider: "deepseek",
    },
    {
      text: 'litellm.ServiceUnavailableError: {"error":{"code":503,"message":"upstream connect error","status":"UNAVAILABLE"}}',
      signatureId: "generic-503-unavailable",
      errorClass: "capacity_or_overload",
      provider: null,
    },
    {
      text: '{"error":{"message":"Insufficient credits for this request","code":402}} model: glm-4.6',
      signatureId: "generic-payment-required",
      errorClass: "billing_or_credits",
      provider: "zai",
    },
  ])("$signatureId", (c) => {
    const found = match(c.text);
    expect(found?.signatureId).toBe(c.signatureId);
    expect(found?.errorClass).toBe(c.errorClass);
    expect(found?.provider).toBe(c.provider);
    expect(found?.specificity).toBeLessThan(0.5);
  });

  it("a generic fallback reads the wait the text states", () => {
    expect(match("HTTP/2 429 Too Many Requests\nretry-after: 7")?.retryAfterSeconds).toBe(7);
  });
});

describe("prose mentions do not give a confident class", () => {
  const confident = (found: ProviderErrorEvidence | null) =>
    found !== null && found.errorClass !== null && found.specificity >= 0.5;

  it.each([
    "I keep hitting the rate limit on Gemini",
    "anyone else getting rate limited by OpenAI today? it says too many requests",
    "Claude says I've hit my usage limit, is the weekly limit per model?",
    "my daily quota on gemini-2.5-pro is gone, 429 every time",
    "is the TPM limit on tier 1 really 30k? I see Rate limit reached constantly",
    "Bedrock keeps throttling me, too many tokens I guess",
    "the model is overloaded again, is Anthropic down?",
    "OpenRouter free models per day limit is 50 right?",
    "I have insufficient balance on deepseek, do I need to top up?",
    "my credit balance is too low maybe? not sure",
    "is RESOURCE_EXHAUSTED a quota thing or a capacity thing?",
    "Groq's TPD is 100k tokens per day for llama 3.3",
    "I think I exceeded my quota on vertex",
    "ollama cloud says I used my hourly limit",
  ])("%s", (prose) => {
    expect(confident(match(prose))).toBe(false);
  });
});

describe("non-LLM APIs (GitHub REST, Discord, Slack) are not taken for an LLM provider", () => {
  it.each(fingerprints.nonLlm)("$id", (payload) => {
    const found = match(render(payload));
    // "other" is the contract's id for a service that is not a model provider.
    expect([null, "other"]).toContain(found?.provider ?? null);
    // Read at most as a platform's own limit ("other"), never as a model provider's class.
    expect([null, "other"]).toContain(found?.errorClass ?? null);
  });
});

describe("catalogue integrity", () => {
  const entryIds = new Set(catalogue.entries.map((e) => e.id));

  it("names only mitigations that exist", () => {
    const known = new Set(kb.mitigations.map((m) => m.id));
    for (const sig of kb.signatures)
      for (const id of sig.mitigations) expect(known.has(id), `${sig.id}: ${id}`).toBe(true);
  });

  it("cites only catalogue entries as sources, and each matched entry is cited by its signature", () => {
    for (const sig of kb.signatures)
      for (const source of sig.sources)
        expect(entryIds.has(source), `${sig.id}: ${source}`).toBe(true);
    for (const entry of catalogue.entries) {
      if (entry.expected.signatureId === null || entry.expected.signatureId.startsWith("generic-"))
        continue;
      const sig = kb.signatures.find((s) => s.id === entry.expected.signatureId);
      expect(sig?.sources, entry.id).toContain(entry.id);
    }
  });

  it("has at least one signature for every provider id the catalogue covers", () => {
    const withSignature = new Set(kb.signatures.map((s) => s.provider));
    for (const entry of catalogue.entries) expect(withSignature).toContain(entry.provider);
  });

  it("keeps provider fallbacks below every provider-specific signature", () => {
    for (const sig of kb.signatures) {
      if (sig.provider === "unknown") expect(sig.specificity, sig.id).toBeLessThan(0.5);
      else expect(sig.specificity, sig.id).toBeGreaterThanOrEqual(0.5);
    }
  });
});
