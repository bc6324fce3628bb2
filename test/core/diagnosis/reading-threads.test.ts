import { describe, expect, it } from "vitest";
import { analyze, toReport } from "../../../src/core/analyze.js";
import { VERDICT_THRESHOLD } from "../../../src/core/diagnosis/diagnose.js";
import { scoreHypotheses } from "../../../src/core/diagnosis/hypotheses.js";
import type { Thread } from "../../../src/core/thread.js";
import { ERROR_CLASSES } from "../../../src/core/vocabulary.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { triage } from "../../../src/triage.js";

const kb = loadKnowledge();
const NOW = new Date("2026-12-01T12:00:00Z");

function reportOf(...messages: string[]) {
  const thread: Thread = { messages: messages.map((content) => ({ content, role: "reporter" })) };
  return triage(thread, kb, NOW).report;
}

describe("threads told in prose, as bug reports and in other languages", () => {
  it("prose about a per-minute request limit, with no error body, is a per-minute request limit", () => {
    const r = reportOf(
      "Our nightly import sends roughly 120 requests per minute to gpt-4.1-mini, and our account only allows 60 requests a minute. About half of the calls come back with 429.",
    );
    expect(r).toMatchObject({ provider: "openai", errorClass: "rpm", retryable: true });
  });

  it("a bug report about a cooldown that benches a whole login is a tool defect, not the provider's limit", () => {
    const r = reportOf(
      "OpenClaw 2026.3.8. When gemini-2.5-flash-lite runs out of quota, OpenClaw benches my entire google login, so gemini-2.5-pro on the same login is never tried even though it still has quota.",
    );
    expect(r.errorClass).toBe("client_bug");
    expect(r.hypotheses[0]?.evidenceFor.join(" ")).toMatch(/benches the whole login/);
  });

  it("a Chinese report of a concurrency cap is a concurrency limit", () => {
    const r = reportOf(
      "用智谱的 Coding Plan 同时跑三个 agent，马上就报 429，提示并发数过高。一个一个跑就完全没问题。",
    );
    expect(r.errorClass).toBe("concurrency");
    expect(r.retryable).toBe(true);
  });

  it("an English error body inside Spanish prose is read as if the prose were English", () => {
    const r = reportOf(
      "Hola, uso la API de OpenAI desde un script en Python y siempre me sale este error:\nopenai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Used 29500, Requested 1200. Please try again in 1.4s.', 'type': 'tokens', 'param': None, 'code': 'rate_limit_exceeded'}}\n¿Alguien sabe qué puedo hacer?",
    );
    expect(r).toMatchObject({ provider: "openai", errorClass: "tpm", retryable: true });
    expect(r.retryAfterSeconds).toBe(1.4);
  });

  it("a transient limit the tool turns into a long lockout: the tool defect first, the limit underneath", () => {
    const r = reportOf(
      "The provider answers with a per-minute TPM 429 now and then, which is fine, but after it the tool keeps the login in cooldown for half an hour: the cooldown never clears until I restart.",
    );
    expect(r.errorClass).toBe("client_bug");
    expect(r.underlyingClass).toBe("tpm");
  });
});

describe("three tiers: decided, leading, unknown", () => {
  it("one specific claim is a leading verdict: the reply says most likely, names the rival and how to confirm", () => {
    const r = reportOf(
      "We are getting rate limited, and I think it is the weekly allowance again.",
    );
    expect(r.verdictTier).toBe("leading");
    expect(r.errorClass).toBe("daily_quota");
    expect(r.reply).toContain("**Most likely: plan or subscription window**");
    expect(r.reply).toMatch(/Because .*weekly allowance/);
  });

  it("a usage percentage alone leads nowhere: the class stays unknown and the raw error is asked for", () => {
    const r = reportOf("Rate limit reached on Gemini although we are only at 22% of our quota.");
    expect(r.verdictTier).toBe("unknown");
    expect(r.errorClass).toBe("unknown");
    expect(r.missing.map((m) => m.id)).toContain("raw_error");
  });

  it("a limit listing ('1K RPM, 10K RPD') is not a claim that one was hit", () => {
    const r = reportOf("Our tier: 1M TPM, 1K RPM, 10K RPD. We still get 429 from the API.");
    expect(r.facts.claims.map((c) => c.id)).not.toContain("window=day");
    expect(r.errorClass).toBe("unknown");
  });

  it("a complaint about the failover beside a per-minute limit is no contest: the limit is named", () => {
    const r = reportOf(
      "Our sub-agent hits the RPM wall on Gemini and the fallback chain does not trigger.",
      'Google AI Studio says: {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}',
    );
    expect(r.errorClass).toBe("rpm");
    expect(r.hypotheses.map((h) => h.errorClass)).toContain("client_bug");
  });

  it("a throttle that appears only above a max-tokens value is the output reservation, not the request rate", () => {
    const r = reportOf(
      'Calls to Claude on Bedrock fail with {"message":"Too many requests, please wait before trying again.","type":"ThrottlingException"}. It only happens when we set max_tokens above 8192; with 4096 every call goes through.',
    );
    expect(r.errorClass).toBe("request_too_large_or_token_reservation");
    expect(r.retryable).toBe(false);
  });

  it("hitting a named limit ('the agent hits the RPD 500 cap') is a claim that it was hit", () => {
    const r = reportOf(
      "The agent summarises feeds all morning with a preview Gemini model and then hits the RPD 500 cap; after that every call gets 429 until the next day.",
    );
    expect(r.facts.claims.map((c) => c.id)).toEqual(
      expect.arrayContaining(["window=day", "dimension=requests"]),
    );
    expect(r).toMatchObject({ errorClass: "rpd", retryable: false });
  });
});

describe("retryable on its own, with the reason", () => {
  it("a weekly allowance is not retryable, and the reply says why", () => {
    const r = reportOf("My weekly allowance ran out on Tuesday and now every request is refused.");
    expect(r.retryable).toBe(false);
    expect(r.retryableBecause).toMatch(/long window/);
    expect(r.reply).toMatch(/Not retryable now: a long window/);
  });

  it("a wait of hours written in prose means a long window", () => {
    const r = reportOf(
      "The app says usage is paused for this window, try again in 7 hours 40 minutes.",
    );
    expect(r.retryable).toBe(false);
  });

  it("the tool's own retry schedule is not the provider's wait", () => {
    const thread: Thread = {
      messages: [{ content: "API Error (429) · Retrying in 4 seconds… (attempt 2/10)" }],
    };
    const hints = analyze(thread, kb, NOW).facts.retryHints;
    expect(hints).toEqual([]);
  });

  it("an auth failure shown as a rate limit is not retryable", () => {
    const r = reportOf(
      "The CLI says rate limited, but the log has 403 Forbidden: token lacks the scope needed.",
    );
    expect(r.retryable).toBe(false);
    expect(r.errorClass).toBe("auth_or_key_misconfig");
  });
});

describe("every class is reachable without a provider body", () => {
  const hypotheses = kb.hypotheses.filter((h) => !h.finding);
  const classes = ERROR_CLASSES.filter((c) => c !== "unknown");

  it.each(classes)(
    "%s: its two strongest pieces of prose or experiment evidence reach the verdict",
    (errorClass) => {
      const best = hypotheses
        .filter((h) => h.errorClass === errorClass)
        .map((h) => ({
          h,
          routes: h.for
            .filter((c) => !/^(?:class|signature|known_issue|fact|tool|provider):|^!/u.test(c.when))
            .sort((a, b) => b.weight - a.weight)
            .slice(0, 2),
        }))
        .sort(
          (a, b) =>
            b.routes.reduce((s, c) => s + c.weight, b.h.prior) -
            a.routes.reduce((s, c) => s + c.weight, a.h.prior),
        )[0];
      expect(best, `no hypothesis of class ${errorClass}`).toBeDefined();
      // A route joined with "&" holds when its positive parts do.
      const markers = new Set(
        best?.routes.flatMap((c) => c.when.split("&").filter((w) => !w.startsWith("!"))),
      );
      const { ranked } = scoreHypotheses(kb.hypotheses, markers, {});
      const top = ranked.filter((h) => !h.finding)[0];
      expect(top?.errorClass).toBe(errorClass);
      expect(top?.likelihood).toBeGreaterThanOrEqual(VERDICT_THRESHOLD);
    },
  );

  it("the report keeps schemaVersion 1 and adds the new fields as optional", () => {
    const r = toReport(analyze({ messages: [{ content: "hello" }] }, kb, NOW), "");
    expect(r.schemaVersion).toBe(1);
    expect(r).not.toHaveProperty("underlyingClass");
  });
});

describe("catalogue kinds without a provider marker", () => {
  it.each([
    ["openai.InternalServerError: upstream: overloaded, try later", "capacity_or_overload", true],
    ["HTTP 403 Forbidden: token lacks scope inference.write", "auth_or_key_misconfig", false],
    [
      "Error: this extended-context variant isn't included in your plan; turn on metered billing to use it",
      "billing_or_credits",
      false,
    ],
    [
      "Usage paused for this window. Your allowance is available again in 9 hours.",
      "daily_quota",
      false,
    ],
    ["API Error 429: concurrent requests limit exceeded for this key", "concurrency", true],
    ["429: max in-flight calls exceeded", "concurrency", true],
  ])("%s → %s", (text, errorClass, retryable) => {
    const r = reportOf(text);
    expect(r.errorClass).toBe(errorClass);
    expect(r.retryable).toBe(retryable);
  });

  it("an error hard-wrapped inside a terminal panel is read as one sentence", () => {
    const r = reportOf(
      [
        "╭──────────────────────────────────────╮",
        "│ API Error: too many concurrent       │",
        "│ requests for this account            │",
        "╰──────────────────────────────────────╯",
      ].join("\n"),
    );
    expect(r.errorClass).toBe("concurrency");
  });
});

describe("false leads", () => {
  it("a percentage left is not a percentage used", () => {
    expect(reportOf("Rate limited on gemini though 78% of my quota is left").facts.usage).toEqual({
      percentOfLimit: 22,
    });
    expect(reportOf("Rate limited, only 5% remaining in my quota").facts.usage).toEqual({
      percentOfLimit: 95,
    });
  });

  it("a model's context window is not the request size", () => {
    const r = reportOf("gemini-2.5-pro has a 1M token context window, yet we get 429 anyway");
    expect(r.facts.requestTokens).toEqual([]);
  });

  it("a cloud server alone does not lead to per-IP throttling", () => {
    const r = reportOf("Our bot runs on a Hetzner VPS and sometimes gets 429 from Gemini.");
    expect(r.errorClass).not.toBe("per_user_or_ip");
  });

  it("'same here' alone is no incident", () => {
    const r = reportOf("Getting 429 from the API", "same here");
    expect(r.errorClass).not.toBe("provider_incident");
  });
});

describe("the quoted raw error", () => {
  it("is the line the provider's error is on, never the thread's title", () => {
    const thread: Thread = {
      title: "Help: my bot stopped working today",
      messages: [
        {
          content:
            "the log says\nAPI Error (429 Too many tokens, please wait before trying again.) from bedrock",
        },
      ],
    };
    const { report } = triage(thread, kb, NOW);
    expect(report.facts.rawErrors[0]?.message).toBe(
      "API Error (429 Too many tokens, please wait before trying again.) from bedrock",
    );
    expect(report.reply).not.toContain("“Help: my bot");
  });
});
