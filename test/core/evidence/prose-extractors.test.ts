import { describe, expect, it } from "vitest";
import { experimentExtractor } from "../../../src/core/evidence/experiment-evidence.js";
import type { ExtractContext } from "../../../src/core/evidence/extractor.js";
import { httpHeadersExtractor } from "../../../src/core/evidence/http-headers-evidence.js";
import { modelExtractor } from "../../../src/core/evidence/model-evidence.js";
import { numbersExtractor } from "../../../src/core/evidence/numbers-evidence.js";
import { openclawExtractors } from "../../../src/core/evidence/openclaw/index.js";
import { signalExtractor } from "../../../src/core/evidence/signal-evidence.js";
import { toolExtractor } from "../../../src/core/evidence/tool-evidence.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { NOW } from "../../helpers/fixtures.js";

const ctx: ExtractContext = { source: { message: 0 }, kb: loadKnowledge(), now: NOW };

describe("experimentExtractor", () => {
  const outcomes = (text: string) =>
    experimentExtractor(text, ctx).map((e) =>
      e.kind === "experiment" ? `${e.id}=${e.outcome}` : "",
    );

  it("reads several experiments from one line, sentence by sentence", () => {
    expect(
      outcomes(
        'Minimal curl "ping" (2 tokens, no tools): success. Fresh session (~22k context + tools): 429. maxTokens 512: no effect.',
      ),
    ).toEqual(
      expect.arrayContaining([
        "minimal_request=works",
        "smaller_context=fails",
        "lower_max_tokens=no_effect",
      ]),
    );
  });

  it("takes a list's shared outcome ('Both fail') for each item above it", () => {
    expect(
      outcomes(
        "What we tried:\n1. Fresh Google Cloud project + new API key\n2. Switched preview -> stable\n3. Both fail with 429s immediately",
      ),
    ).toEqual(["new_key_or_project=fails", "switch_model=fails"]);
  });

  it("keeps the value the user tried", () => {
    const [e] = experimentExtractor(
      "we tried the maxTokens mitigation (maxTokens: 512) - still hit the 429 error",
      ctx,
    );
    expect(e).toMatchObject({
      kind: "experiment",
      id: "lower_max_tokens",
      outcome: "no_effect",
      value: 512,
    });
  });

  it("reads a fix as 'helped'", () => {
    expect(outcomes("setting max_tokens to 4096 fixed it")).toEqual(["lower_max_tokens=helped"]);
  });

  it("reports nothing for an action without an outcome", () => {
    expect(outcomes("should I lower maxTokens to 512?")).toEqual([]);
  });
});

describe("signalExtractor", () => {
  const ids = (text: string) =>
    signalExtractor(text, ctx).map((e) => (e.kind === "signal" ? e.id : ""));
  it.each([
    ["It only started happening yesterday", "started_recently"],
    ["its not working for me today, but it was on Friday", "started_recently"],
    ["Running on a home local single machine", "home_machine"],
    ["same here, also on gemini-2.5-flash", "others_affected"],
    ["First request after idle hits 429 instantly", "first_request_fails"],
    ["despite being at ~22% of Tier 1 TPM quota", "usage_far_below_limit"],
    ["We've spent over 5,000 credits on failed runs", "paid_retries_burning"],
    ["our bot runs on a Hetzner VPS", "datacenter_egress"],
  ])("%s → %s", (text, id) => {
    expect(ids(text)).toContain(id);
  });

  it("finds nothing in unrelated prose", () => {
    expect(ids("Thanks, I will try that tomorrow.")).toEqual([]);
  });
});

describe("numbersExtractor", () => {
  it("reads tier limits and usage with k/M/K suffixes", () => {
    const ev = numbersExtractor(
      "- Google Cloud Tier 1: 1M TPM, 1K RPM, 10K RPD\n- Actual usage: 225k TPM (22%), 4 RPM (0.4%), 22 RPD (0.2%)",
      ctx,
    );
    expect(ev).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "tier",
          tier: "Tier 1",
          limits: { tpm: 1_000_000, rpm: 1000, rpd: 10_000 },
        }),
        expect.objectContaining({
          kind: "usage",
          tpm: 225_000,
          rpm: 4,
          rpd: 22,
          percentOfLimit: 22,
        }),
      ]),
    );
  });

  it("reads context sizes but not tiny token counts", () => {
    const sizes = numbersExtractor(
      "Consistent 429s with ~200k context. Minimal ping (2 tokens): ok",
      ctx,
    ).filter((e) => e.kind === "request_size");
    expect(sizes).toEqual([expect.objectContaining({ tokens: 200_000, what: "context" })]);
  });
});

describe("toolExtractor", () => {
  it("reads OpenClaw's version line with its commit", () => {
    expect(toolExtractor("OpenClaw 2026.9.6 (eb377ac)", ctx)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "tool_version",
          tool: "openclaw",
          version: "2026.9.6",
          commit: "eb377ac",
        }),
      ]),
    );
  });

  it("recognises the rewritten rate-limit message as hiding the raw error", () => {
    // OpenClaw's copies live with its other formats (openclaw/rewrites.ts), with what each implies.
    const text = "Gateway logs: error=⚠️ API rate limit reached. Please try again later.";
    expect(openclawExtractors.flatMap((extract) => extract(text, ctx))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "rewritten_error",
          tool: "openclaw",
          reason: "rate_limit",
        }),
      ]),
    );
  });

  it("guesses an agent tool only weakly from a provider/model ref", () => {
    const [mention] = toolExtractor("anthropic/claude-sonnet-4-5 keeps failing", ctx);
    expect(mention).toMatchObject({ kind: "tool_mention", tool: "openclaw", strength: 0.3 });
  });
});

describe("modelExtractor", () => {
  it("marks models in a 'works fine' sentence as working", () => {
    const ev = modelExtractor(
      "Model: google/gemini-3-flash-preview fails. Currently on claude-sonnet-4-5 (works fine).",
      ctx,
    );
    expect(ev).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "model_ref",
          model: "gemini-3-flash-preview",
          ref: "google/gemini-3-flash-preview",
          works: false,
        }),
        expect.objectContaining({ kind: "model_ref", model: "claude-sonnet-4-5", works: true }),
      ]),
    );
  });

  it("splits a ref at the first slash (OpenRouter routes)", () => {
    const [ref] = modelExtractor("using openrouter/google/gemini-2.0-flash-exp:free", ctx);
    expect(ref).toMatchObject({
      provider: "openrouter",
      model: "google/gemini-2.0-flash-exp:free",
    });
  });

  it("ignores paths inside URLs", () => {
    const refs = modelExtractor(
      "see https://ai.google.dev/gemini-api/docs/rate-limits",
      ctx,
    ).filter((e) => e.kind === "model_ref");
    expect(refs).toEqual([]);
  });
});

describe("httpHeadersExtractor", () => {
  it("reads a curl -D - dump: status, rate-limit headers and the wait", () => {
    const dump =
      "HTTP/2 429\ndate: Fri, 27 Nov 2026 20:00:00 GMT\nretry-after: 20\nx-ratelimit-limit-requests: 3\nx-ratelimit-reset-requests: 20s\ncontent-type: application/json";
    const ev = httpHeadersExtractor(dump, ctx);
    expect(ev[0]).toMatchObject({
      kind: "http_headers",
      status: 429,
      headers: { "retry-after": "20", "x-ratelimit-limit-requests": "3" },
    });
    expect(ev[1]).toMatchObject({ kind: "retry_hint", seconds: 20, from: "retry-after" });
  });
});
