import { describe, expect, it } from "vitest";
import { computeWait } from "../../../src/core/evidence/wait-rules.js";
import type { WaitRule } from "../../../src/knowledge/schema.js";

const NOW = new Date("2026-03-10T12:00:00Z");
const wait = (rules: WaitRule[], text: string, now: Date = NOW) => computeWait(rules, text, now);
const seconds = (rules: WaitRule[], text: string, now: Date = NOW) =>
  wait(rules, text, now).seconds;

describe("try_again_in: OpenAI/Groq Go durations in the message", () => {
  const rule: WaitRule[] = [{ kind: "try_again_in" }];

  it.each([
    ["Please try again in 5.282s.", 5.282],
    ["Please try again in 644ms.", 0.644],
    ["Please try again in 20s. Visit", 20],
    ["Please try again in 7m12s. Visit", 432], // RPD 200: 86400/200 (openai-429-rpd-free-200)
    ["Please try again in 9m38.016s. Need more tokens", 578.016], // groq-429-tpd
    ["Please try again in 1h2m3.5s.", 3723.5],
    // Codex CLI wraps lines inside the sentence (openai-429-rpm-project-stream).
    ["Requested 1. Please try again in\n20ms. Visit", 0.02],
  ])("%j", (text, expected) => {
    expect(seconds(rule, text)).toBe(expected);
  });

  it("says where the wait came from and when it ends", () => {
    expect(wait(rule, "Please try again in 26.604s.")).toEqual({
      seconds: 26.604,
      resetAt: "2026-03-10T12:00:26.604Z",
      from: "try again in",
    });
  });

  it("ignores 'try again in a moment' and 'try again later'", () => {
    expect(wait(rule, "usually temporary — try again in a moment.").from).toBeNull();
    expect(wait(rule, "Please try again later.").from).toBeNull();
  });
});

describe("header: response headers as pasted (curl -i lines, JSON or dict echoes)", () => {
  it("x-ratelimit-reset-* are Go durations (OpenAI docs sample: 1s / 6m0s)", () => {
    const text = "x-ratelimit-reset-requests: 1s\nx-ratelimit-reset-tokens: 6m0s";
    expect(seconds([{ kind: "header", name: "x-ratelimit-reset-tokens" }], text)).toBe(360);
    expect(seconds([{ kind: "header", name: "x-ratelimit-reset-requests" }], text)).toBe(1);
    expect(
      seconds(
        [{ kind: "header", name: "x-ratelimit-reset-requests" }],
        "x-ratelimit-reset-requests: 20ms",
      ),
    ).toBe(0.02);
    expect(
      seconds(
        [{ kind: "header", name: "x-ratelimit-reset-tokens" }],
        "x-ratelimit-reset-tokens: 9m38.016s",
      ),
    ).toBe(578.016);
  });

  it("retry-after in seconds, as a header line or a JSON echo, any case", () => {
    expect(seconds([{ kind: "header", name: "retry-after" }], "HTTP/2 429\nRetry-After: 30")).toBe(
      30,
    );
    expect(seconds([{ kind: "header", name: "retry-after" }], '{"retry-after":"12"}')).toBe(12);
    expect(seconds([{ kind: "header", name: "retry-after" }], "{'Retry-After': '7'}")).toBe(7);
  });

  it("retry-after as an HTTP-date, comma included", () => {
    const text =
      "HTTP/1.1 429 Too Many Requests\nRetry-After: Tue, 10 Mar 2026 12:00:45 GMT\nContent-Type: application/json";
    expect(wait([{ kind: "header", name: "retry-after" }], text)).toEqual({
      seconds: 45,
      resetAt: "2026-03-10T12:00:45.000Z",
      from: "retry-after",
    });
  });

  it("an HTTP-date already past is a wait of 0", () => {
    expect(
      seconds(
        [{ kind: "header", name: "retry-after" }],
        "Retry-After: Mon, 09 Mar 2026 12:00:00 GMT",
      ),
    ).toBe(0);
  });

  it("retry-after-ms is milliseconds and is not read as retry-after", () => {
    const text = "retry-after-ms: 1500\nretry-after: 2";
    expect(seconds([{ kind: "header", name: "retry-after-ms" }], text)).toBe(1.5);
    expect(seconds([{ kind: "header", name: "retry-after" }], text)).toBe(2);
    expect(seconds([{ kind: "header", name: "retry-after" }], "retry-after-ms: 1500")).toBeNull();
  });

  it("Anthropic's anthropic-ratelimit-*-reset are RFC 3339 times", () => {
    const text =
      "anthropic-ratelimit-requests-remaining: 0\nanthropic-ratelimit-requests-reset: 2026-03-10T12:00:40Z";
    expect(seconds([{ kind: "header", name: "anthropic-ratelimit-requests-reset" }], text)).toBe(
      40,
    );
  });

  it("a reset header holding epoch milliseconds or seconds is a time, not a duration", () => {
    expect(
      seconds([{ kind: "header", name: "x-ratelimit-reset" }], "x-ratelimit-reset: 1773144030000"),
    ).toBe(30);
    expect(
      seconds([{ kind: "header", name: "x-ratelimit-reset" }], "x-ratelimit-reset: 1773144060"),
    ).toBe(60);
  });

  it("a placeholder value is no wait", () => {
    expect(
      wait([{ kind: "header", name: "retry-after" }], "retry-after: <seconds>").from,
    ).toBeNull();
  });

  it("a header name inside prose is not a header", () => {
    expect(
      wait([{ kind: "header", name: "Retry-After" }], "see the Retry-After header for details")
        .from,
    ).toBeNull();
  });
});

describe("reset_epoch_ms: OpenRouter's X-RateLimit-Reset", () => {
  const rule: WaitRule[] = [{ kind: "reset_epoch_ms" }];

  it("reads the header echoed inside the body (openrouter-429-free-models-per-min)", () => {
    const body =
      '{"error":{"message":"Rate limit exceeded: free-models-per-min. ","code":429,"metadata":{"headers":{"X-RateLimit-Limit":"20","X-RateLimit-Remaining":"0","X-RateLimit-Reset":"1765661760000"},"provider_name":null}}}';
    expect(wait(rule, body, new Date("2025-12-13T21:35:30Z"))).toEqual({
      seconds: 30,
      resetAt: "2025-12-13T21:36:00.000Z",
      from: "X-RateLimit-Reset",
    });
  });

  it("reads it as a header line", () => {
    expect(
      seconds(rule, "X-RateLimit-Reset: 1788912000000", new Date("2026-09-08T18:00:00Z")),
    ).toBe(21600);
  });

  it("leaves Discord's epoch seconds with decimals alone", () => {
    expect(wait(rule, "X-RateLimit-Reset: 1470173023.123").from).toBeNull();
  });
});

describe("reset_epoch_s: GitHub's x-ratelimit-reset", () => {
  it("reads Unix epoch seconds", () => {
    expect(seconds([{ kind: "reset_epoch_s" }], "x-ratelimit-reset: 1773147600")).toBe(3600);
  });
});

describe("retry_info: Google's RetryInfo", () => {
  const rule: WaitRule[] = [{ kind: "retry_info" }];

  it("reads retryDelay in JSON and in a Python dict, before the message", () => {
    expect(
      seconds(rule, '{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"22s"}'),
    ).toBe(22);
    expect(
      seconds(rule, "{'@type': 'type.googleapis.com/google.rpc.RetryInfo', 'retryDelay': '44s'}"),
    ).toBe(44);
    expect(
      seconds(rule, 'Please retry in 53.016342224s.", "details": [{"retryDelay": "53s"}]'),
    ).toBe(53);
  });

  it("reads protobuf durations with nanoseconds", () => {
    expect(seconds(rule, '"retryDelay": "2.463586755s"')).toBe(2.464);
  });

  it("falls back to 'Please retry in Ns' in the message", () => {
    expect(
      seconds(rule, "limit: 20, model: gemini-2.5-flash\nPlease retry in 28.324975824s."),
    ).toBe(28.325);
  });
});

describe("retry_after_text: a wait the provider states in words", () => {
  const rule: WaitRule[] = [{ kind: "retry_after_text" }];

  it("Azure: 'Please retry after N seconds', singular included", () => {
    expect(seconds(rule, "Please retry after 60 seconds. Please go here")).toBe(60);
    expect(seconds(rule, "Please retry after 1 second. Please go here")).toBe(1);
    expect(seconds(rule, "Please retry after 86400 seconds.")).toBe(86400);
  });

  it("Slack's node SDK: '(url: …, retry-after: 30)'", () => {
    expect(
      seconds(rule, "A rate limit was exceeded (url: https://slack.com/api/x, retry-after: 30)"),
    ).toBe(30);
  });

  it("not a tool's own retry schedule ('Retrying in 32 seconds… (attempt 7/10)')", () => {
    expect(
      wait(rule, "API Error (429 …) · Retrying in 32 seconds… (attempt 7/10)").from,
    ).toBeNull();
  });
});

describe("midnight: per-day windows", () => {
  it("Gemini per-day quotas reset at midnight Pacific, whatever retryDelay says", () => {
    const text = '"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier" "retryDelay":"22s"';
    const rules: WaitRule[] = [{ kind: "midnight", timeZone: "America/Los_Angeles" }];
    expect(wait(rules, text)).toEqual({
      seconds: 19 * 3600,
      resetAt: "2026-03-11T07:00:00.000Z",
      from: "midnight America/Los_Angeles",
    });
  });

  it("across the spring-forward change (2026-03-08, a 23-hour day)", () => {
    const rules: WaitRule[] = [{ kind: "midnight", timeZone: "America/Los_Angeles" }];
    expect(seconds(rules, "", new Date("2026-03-08T08:30:00Z"))).toBe(22.5 * 3600);
    expect(seconds(rules, "", new Date("2026-03-07T12:00:00Z"))).toBe(20 * 3600);
  });

  it("across the fall-back change (2026-11-01, a 25-hour day)", () => {
    const rules: WaitRule[] = [{ kind: "midnight", timeZone: "America/Los_Angeles" }];
    expect(seconds(rules, "", new Date("2026-11-01T07:30:00Z"))).toBe(24.5 * 3600);
  });

  it("OpenRouter's free-model day resets at 00:00 UTC", () => {
    expect(seconds([{ kind: "midnight", timeZone: "UTC" }], "")).toBe(12 * 3600);
  });
});

describe("month_start_utc: Anthropic spend caps", () => {
  it("waits until 00:00 UTC on the 1st", () => {
    expect(wait([{ kind: "month_start_utc" }], "", new Date("2026-08-20T00:00:00Z"))).toEqual({
      seconds: 12 * 24 * 3600,
      resetAt: "2026-09-01T00:00:00.000Z",
      from: "1st of the month 00:00 UTC",
    });
  });

  it("from the last second of December to the new year", () => {
    expect(seconds([{ kind: "month_start_utc" }], "", new Date("2026-12-31T23:59:59Z"))).toBe(1);
  });
});

describe("resets_at_text: a reset time written in the text", () => {
  const rule: WaitRule[] = [{ kind: "resets_at_text" }];

  it("MiniMax: 'resets at <ISO>'", () => {
    expect(
      seconds(
        rule,
        "5-hour usage limit reached for Token Plan Starter (0/0 used), resets at 2026-05-15T15:00:00Z (2056)",
        new Date("2026-05-15T12:00:00Z"),
      ),
    ).toBe(10800);
  });

  it("an ISO time without a zone is read as UTC, never as the host's zone", () => {
    expect(seconds(rule, "resets at 2026-03-10 12:05:00")).toBe(300);
  });

  it("Anthropic's spend cap: 'You will regain access on 2026-09-01 at 00:00 UTC.'", () => {
    expect(
      wait(
        rule,
        "You will regain access on 2026-09-01 at 00:00 UTC.",
        new Date("2026-08-31T23:00:00Z"),
      ),
    ).toEqual({ seconds: 3600, resetAt: "2026-09-01T00:00:00.000Z", from: "regain access on" });
  });

  it("Claude Code 2025: 'Claude AI usage limit reached|<epoch seconds>'", () => {
    expect(
      seconds(rule, "Claude AI usage limit reached|1760000400", new Date("2025-10-09T08:00:00Z")),
    ).toBe(3600);
  });

  it("Claude Code: 'resets 8:30pm (Asia/Tokyo)' is the next 20:30 in Tokyo", () => {
    // 12:00Z is 21:00 in Tokyo: today's 20:30 has passed.
    expect(wait(rule, "You've hit your session limit · resets 8:30pm (Asia/Tokyo)")).toEqual({
      seconds: 84600,
      resetAt: "2026-03-11T11:30:00.000Z",
      from: "resets (local time)",
    });
  });

  it("Claude Code: 'resets 8pm (America/New_York)' in daylight time", () => {
    expect(seconds(rule, "You've hit your limit · resets 8pm (America/New_York)")).toBe(12 * 3600);
  });

  it("Claude Code: 'resets Jul 31, 2am (UTC)' with a date", () => {
    expect(
      seconds(
        rule,
        "You've hit your weekly limit · resets Jul 31, 2am (UTC)",
        new Date("2026-07-30T12:00:00Z"),
      ),
    ).toBe(14 * 3600);
  });

  it("a date early next year, read in late December, is next year's", () => {
    expect(
      wait(
        rule,
        "You've hit your weekly limit · resets Jan 2, 9am (America/Los_Angeles)",
        new Date("2026-12-30T12:00:00Z"),
      ).resetAt,
    ).toBe("2027-01-02T17:00:00.000Z");
  });

  it("12am is midnight and 12pm is noon", () => {
    expect(wait(rule, "resets 12am (UTC)").resetAt).toBe("2026-03-11T00:00:00.000Z");
    expect(wait(rule, "resets 12pm (UTC)").resetAt).toBe("2026-03-11T12:00:00.000Z");
  });

  it("an unknown time zone gives no wait rather than a wrong one", () => {
    expect(wait(rule, "resets 8pm (Mars/Olympus_Mons)").from).toBeNull();
  });
});

describe("never, and rule order", () => {
  it("never: no wait helps (limit: 0, billing)", () => {
    expect(wait([{ kind: "never" }], "limit: 0")).toEqual({
      seconds: null,
      resetAt: null,
      from: "never",
    });
  });

  it("the first rule that yields a wait wins; the others are fallbacks", () => {
    const rules: WaitRule[] = [
      { kind: "try_again_in" },
      { kind: "header", name: "retry-after-ms" },
      { kind: "header", name: "retry-after" },
    ];
    expect(wait(rules, "Please try again in 4.77s.\nretry-after: 5").from).toBe("try again in");
    expect(wait(rules, "retry-after-ms: 250\nretry-after: 1").seconds).toBe(0.25);
    expect(wait(rules, "retry-after: 5").seconds).toBe(5);
  });

  it("no rule, or none that applies, is no wait", () => {
    expect(computeWait([], "retry-after: 5", NOW)).toEqual({
      seconds: null,
      resetAt: null,
      from: null,
    });
    expect(wait([{ kind: "retry_info" }], "nothing here").from).toBeNull();
  });
});
