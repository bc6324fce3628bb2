import { describe, expect, it } from "vitest";
import { extract, ofKind, openclawFixture, signalIds } from "./fixtures.js";

/** Every capture parses into the facts it holds (all OpenClaw extractors together). */
describe("OpenClaw 2026.9.6 captures", () => {
  it("version.txt and --help: version and commit", () => {
    for (const name of ["version.txt", "help-head.txt"]) {
      const [version, ...more] = ofKind(extract(openclawFixture(name)), "tool_version");
      expect(more).toEqual([]);
      expect(version).toMatchObject({ tool: "openclaw", version: "2026.9.6", commit: "eb377ac" });
    }
  });

  it("status --all and status --json: the version without a commit", () => {
    expect(ofKind(extract(openclawFixture("status-all.txt")), "tool_version")).toMatchObject([
      { version: "2026.9.6", commit: null, source: { line: 7 } },
    ]);
    expect(ofKind(extract(openclawFixture("status-trimmed.json")), "tool_version")).toMatchObject([
      { version: "2026.9.6", commit: null },
    ]);
  });

  it("models status (plain and --json): default model, no fallback, key from GEMINI_API_KEY", () => {
    for (const name of ["models-status.txt", "models-status.json"]) {
      const evidence = extract(openclawFixture(name));
      expect(ofKind(evidence, "model_status")).toEqual([
        expect.objectContaining({
          defaultModel: "google/gemini-2.5-flash",
          fallbacks: [],
          authSources: [{ provider: "google", source: "env: GEMINI_API_KEY" }],
        }),
      ]);
      expect(ofKind(evidence, "model_ref")).toEqual([
        expect.objectContaining({
          provider: "google",
          model: "gemini-2.5-flash",
          ref: "google/gemini-2.5-flash",
        }),
      ]);
      expect(signalIds(evidence)).toContain("no_fallback_configured");
      expect(ofKind(evidence, "probe")).toEqual([]);
    }
  });

  it("models status with a fallback on the same provider", () => {
    const evidence = extract(openclawFixture("models-status-with-fallback.txt"));
    expect(ofKind(evidence, "model_status")[0]?.fallbacks).toEqual([
      "google/gemini-3-flash-preview",
    ]);
    expect(signalIds(evidence)).toContain("fallback_same_provider");
    expect(signalIds(evidence)).not.toContain("no_fallback_configured");
  });

  it("models-status-probe-429.json: probe rate_limit after 143.6 s, the retry loop inside it", () => {
    const evidence = extract(openclawFixture("models-status-probe-429.json"));
    expect(ofKind(evidence, "probe")).toEqual([
      expect.objectContaining({
        provider: "google",
        model: "gemini-2.5-flash",
        status: "rate_limit",
        error:
          "⚠️ Google Generative AI API error (429): Resource has been exhausted (e.g. check quota). [code=RESOURCE_EXHAUSTED]",
      }),
    ]);
    const [raw] = ofKind(evidence, "provider_error");
    expect(raw).toMatchObject({ provider: "google", status: 429, code: "RESOURCE_EXHAUSTED" });
    expect(signalIds(evidence)).toEqual(
      expect.arrayContaining(["same_model_retries", "probe_exceeded_timeout"]),
    );
    expect(ofKind(evidence, "signal").find((s) => s.id === "probe_exceeded_timeout")?.detail).toBe(
      "google/gemini-2.5-flash: 143.6 s, with a probe timeout of 8 s",
    );
  });

  it("models-status-probe-429.txt: the boxed table and the interleaved fetch lines", () => {
    const evidence = extract(openclawFixture("models-status-probe-429.txt"));
    const [probe, ...others] = ofKind(evidence, "probe");
    expect(others).toEqual([]);
    expect(probe).toMatchObject({
      provider: "google",
      model: "gemini-2.5-flash",
      status: "rate_limit",
      error:
        "⚠️ Google Generative AI API error (429): Resource has been exhausted (e.g. check quota). [code=RESOURCE_EXHAUSTED]",
      source: { line: 34 },
    });
    expect(
      ofKind(evidence, "signal")
        .filter((s) => s.id === "same_model_retries")
        .map((s) => s.detail),
    ).toEqual(
      expect.arrayContaining(["10 responses with status 429 from google/gemini-2.5-flash"]),
    );
  });

  it("models-status-probe-ok.txt: probe ok", () => {
    expect(ofKind(extract(openclawFixture("models-status-probe-ok.txt")), "probe")).toEqual([
      expect.objectContaining({
        provider: "google",
        model: "gemini-2.5-flash",
        status: "ok",
        error: null,
      }),
    ]);
  });

  it("probe with quota details: long-window text, 4.1 s, message cut by OpenClaw", () => {
    const evidence = extract(
      openclawFixture("models-status-probe-quota-details-provider-maxtokens.json"),
    );
    expect(ofKind(evidence, "probe")[0]?.status).toBe("rate_limit");
    expect(signalIds(evidence)).toEqual(
      expect.arrayContaining(["long_window_no_retry", "error_text_truncated"]),
    );
    expect(signalIds(evidence)).not.toContain("same_model_retries");
    // The probe's own --probe-max-tokens is not the user's maxTokens.
    expect(ofKind(evidence, "max_tokens")).toEqual([]);
  });

  it("an auth profile in cooldown (plain and JSON)", () => {
    const plain = extract(openclawFixture("models-status-profile-cooldown.txt"));
    expect(ofKind(plain, "cooldown")).toEqual([
      expect.objectContaining({
        provider: "google",
        profileId: "google:setup-f525…",
        reason: "rate_limit",
        remainingMs: 60_000,
      }),
    ]);
    const json = extract(openclawFixture("models-status-profile-cooldown.json"));
    expect(ofKind(json, "cooldown")).toEqual([
      expect.objectContaining({
        provider: "google",
        profileId: "google:setup-f5250000-0000-4000-8000-000000000000",
        reason: "rate_limit",
        remainingMs: 26_505,
      }),
    ]);
    for (const evidence of [plain, json])
      expect(signalIds(evidence)).toContain("all_profiles_in_cooldown");
  });

  it("agent --json failure envelopes: the rewritten error, reason rate_limit", () => {
    const [plain] = ofKind(extract(openclawFixture("agent-local-429.json")), "rewritten_error");
    expect(plain).toMatchObject({
      tool: "openclaw",
      reason: "rate_limit",
      text: "⚠️ Google Generative AI API error (429): Resource has been exhausted (e.g. check quota). [code=RESOURCE_EXHAUSTED]",
    });
    const details = extract(openclawFixture("agent-local-429-quota-details.json"));
    expect(ofKind(details, "rewritten_error")[0]?.text).toContain(
      "\n* Quota exceeded for metric: generativelanguag… [code=RESOURCE_EXHAUSTED]",
    );
    expect(signalIds(details)).toContain("error_text_truncated");
  });

  it("agent stderr (plain 429): 9 same-model retries with their delays, the raw error", () => {
    const evidence = extract(openclawFixture("agent-local-429.stderr.txt"));
    const retries = ofKind(evidence, "signal").find((s) => s.id === "same_model_retries");
    expect(retries?.detail).toBe(
      "OpenClaw retried google/gemini-2.5-flash 9 times (of 9 allowed; reason rate_limit; delays 545–30000 ms, 129.6 s in all)",
    );
    expect(signalIds(evidence)).toContain("google_native_retries");
    expect(ofKind(evidence, "provider_error")[0]).toMatchObject({
      provider: "google",
      status: 429,
      code: "RESOURCE_EXHAUSTED",
    });
    expect(ofKind(evidence, "tool_mention")[0]?.strength).toBe(1);
  });

  it("agent stderr (quota details): no retry, long-window", () => {
    const evidence = extract(openclawFixture("agent-local-429-quota-details.stderr.txt"));
    expect(signalIds(evidence)).toContain("long_window_no_retry");
    expect(signalIds(evidence)).not.toContain("same_model_retries");
  });

  it("cache-trace-429.jsonl: 1 run, 10 attempts, 10 errors, google/gemini-2.5-flash, RESOURCE_EXHAUSTED", () => {
    const evidence = extract(openclawFixture("cache-trace-429.jsonl"));
    expect(ofKind(evidence, "trace")).toEqual([
      expect.objectContaining({
        runs: 1,
        attempts: 10,
        errors: 10,
        toolCount: 14,
        maxTokens: null,
        durationMs: 131_745,
      }),
    ]);
    expect(ofKind(evidence, "model_ref")).toEqual([
      expect.objectContaining({ provider: "google", model: "gemini-2.5-flash" }),
    ]);
    const [raw] = ofKind(evidence, "provider_error");
    expect(raw).toMatchObject({
      provider: "google",
      status: 429,
      code: "RESOURCE_EXHAUSTED",
      source: { line: 9 },
    });
    expect(signalIds(evidence)).toEqual(
      expect.arrayContaining(["same_model_retries", "google_native_retries", "max_tokens_not_set"]),
    );
    expect(ofKind(evidence, "max_tokens")).toEqual([]);
    expect(ofKind(evidence, "unreadable")).toEqual([]);
  });

  it("cache-trace-429-quota-details.jsonl: one attempt, long-window, cut message", () => {
    const evidence = extract(openclawFixture("cache-trace-429-quota-details.jsonl"));
    expect(ofKind(evidence, "trace")[0]).toMatchObject({ runs: 1, attempts: 1, errors: 1 });
    expect(signalIds(evidence)).toEqual(
      expect.arrayContaining(["long_window_no_retry", "error_text_truncated"]),
    );
    expect(signalIds(evidence)).not.toContain("same_model_retries");
    // The quota metric is cut to "generativelanguag…" and the body redacted: no quotaId to read.
    const [raw] = ofKind(evidence, "provider_error");
    expect(raw?.provider).toBe("google");
    expect(raw?.quota?.id).toBeUndefined();
  });

  it("cache-trace-429-mitigated: maxTokens 8192 at options.model.params.maxTokens, 3 tools", () => {
    const evidence = extract(
      openclawFixture("cache-trace-429-mitigated-maxtokens-minimal-tools.jsonl"),
    );
    expect(ofKind(evidence, "max_tokens")).toEqual([
      expect.objectContaining({ value: 8192, where: "options.model.params.maxTokens" }),
    ]);
    expect(ofKind(evidence, "trace")[0]).toMatchObject({ toolCount: 3, maxTokens: 8192 });
    expect(signalIds(evidence)).not.toContain("max_tokens_not_set");
  });

  it("cache-trace-ok.jsonl: a success, 12 input tokens", () => {
    const evidence = extract(openclawFixture("cache-trace-ok.jsonl"));
    expect(ofKind(evidence, "trace")[0]).toMatchObject({ attempts: 1, errors: 0 });
    expect(ofKind(evidence, "request_size")).toContainEqual(
      expect.objectContaining({ what: "request", tokens: 12 }),
    );
    expect(signalIds(evidence)).toContain("session_succeeded");
  });

  it("file logs: retries and the failover decision; logs --json the same", () => {
    const plain = extract(openclawFixture("file-log-429.jsonl"));
    expect(signalIds(plain)).toEqual(
      expect.arrayContaining([
        "same_model_retries",
        "no_fallback_configured",
        "google_native_retries",
      ]),
    );
    const quota = extract(openclawFixture("file-log-429-quota-details.jsonl"));
    const json = extract(openclawFixture("logs-json-429-quota-details.jsonl"));
    for (const evidence of [quota, json]) {
      expect(signalIds(evidence)).toEqual(
        expect.arrayContaining(["long_window_no_retry", "no_fallback_configured"]),
      );
      expect(ofKind(evidence, "provider_error")[0]).toMatchObject({
        provider: "google",
        status: 429,
      });
    }
  });

  it("gateway console lines: the failover decision with retry=0", () => {
    const evidence = extract(openclawFixture("gateway-console.txt"));
    expect(signalIds(evidence)).toContain("long_window_no_retry");
    expect(ofKind(evidence, "model_ref")[0]?.ref).toBe("google/gemini-2.5-flash");
  });

  it("tui-context-detail.txt: system prompt ~13,158 tok, tool schemas ~2,636 tok, tracked ~15,839 tok", () => {
    const evidence = extract(openclawFixture("tui-context-detail.txt"));
    const sizes = Object.fromEntries(
      ofKind(evidence, "request_size").map((r) => [r.what, r.tokens]),
    );
    expect(sizes).toEqual({ system_prompt: 13_158, tool_schemas: 2_636, context: 15_839 });
    const dominant = ofKind(evidence, "signal").find((s) => s.id === "system_prompt_dominates");
    expect(dominant?.detail).toContain("Project Context ~6,226 tok");
    expect(dominant?.detail).toContain("skills list ~1,649 tok (22 skills)");
    expect(signalIds(evidence)).not.toContain("tool_schemas_dominate");
  });

  it("tui-slash-status.txt: version, model, context, a session that works", () => {
    const evidence = extract(openclawFixture("tui-slash-status.txt"));
    expect(ofKind(evidence, "tool_version")[0]).toMatchObject({
      version: "2026.9.6",
      commit: "eb377ac",
    });
    expect(ofKind(evidence, "model_ref")[0]?.ref).toBe("google/gemini-2.5-flash");
    expect(ofKind(evidence, "request_size")).toContainEqual(
      expect.objectContaining({ what: "context", tokens: 12 }),
    );
    expect(signalIds(evidence)).toContain("session_succeeded");
  });

  it("tui-429.txt: two rewritten errors, one cut by the TUI", () => {
    const evidence = extract(openclawFixture("tui-429.txt"));
    const rewrites = ofKind(evidence, "rewritten_error");
    expect(rewrites.map((r) => r.reason)).toEqual(["rate_limit", "rate_limit"]);
    expect(rewrites[1]?.text).toBe(
      "⚠️ Google Generative AI API error (429): Resource has been exhausted (e.g. check quota). [code=RESOURCE_EXHAUSTED]",
    );
    expect(signalIds(evidence)).toContain("error_text_truncated");
  });

  it("configs: the chain, params.maxTokens (not the catalog maxTokens) and the tool profile", () => {
    const mitigated = extract(openclawFixture("config-google-mitigated.json5"));
    expect(ofKind(mitigated, "max_tokens")).toEqual([
      expect.objectContaining({
        value: 8192,
        where: 'agents.defaults.models["google/gemini-2.5-flash"].params.maxTokens',
      }),
    ]);
    expect(
      ofKind(mitigated, "signal").find((s) => s.id === "tool_profile_configured")?.detail,
    ).toBe("tools.byProvider.google.profile = minimal");
    expect(ofKind(extract(openclawFixture("config-google.json5")), "max_tokens")).toEqual([]);
    const fallback = extract(openclawFixture("config-google-fallback.json5"));
    expect(ofKind(fallback, "model_status")[0]).toMatchObject({
      defaultModel: "google/gemini-2.5-flash",
      fallbacks: ["google/gemini-3-flash-preview"],
    });
  });

  it("All models failed (2): both candidates, the chain exhausted", () => {
    const evidence = extract(openclawFixture("all-models-failed.txt"));
    expect(ofKind(evidence, "rewritten_error")[0]?.reason).toBe("rate_limit");
    expect(ofKind(evidence, "model_ref").map((r) => r.ref)).toEqual([
      "google/gemini-2.5-flash",
      "google/gemini-3-flash-preview",
    ]);
    expect(signalIds(evidence)).toContain("fallback_chain_exhausted");
  });

  it("reconstructed probes: 503 labelled rate_limit; invalid key", () => {
    expect(
      signalIds(extract(openclawFixture("models-status-probe-503-overloaded.json"))),
    ).toContain("overloaded_counted_as_rate_limit");
    const auth = extract(openclawFixture("models-status-probe-auth.json"));
    expect(ofKind(auth, "probe")[0]?.status).toBe("auth");
    expect(signalIds(auth)).toContain("probe_auth_fails");
  });
});
