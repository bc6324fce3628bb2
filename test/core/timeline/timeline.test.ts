import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createTimelineBuilder } from "../../../src/core/timeline/builder.js";
import { threadTimeline } from "../../../src/core/timeline/thread-timeline.js";
import type { TimelineLimits } from "../../../src/core/timeline/types.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures");
const read = (path: string) => readFileSync(join(FIXTURES, path), "utf8");
const NO_LIMITS: TimelineLimits = { tier: null, rpm: null, tpm: null };
const timelineOf = (...contents: string[]) =>
  threadTimeline({ messages: contents.map((content) => ({ content })) }, NO_LIMITS);

describe("timeline from a cache trace", () => {
  const { timeline, retries } = timelineOf(read("openclaw/cache-trace-429.jsonl"));

  it("counts one turn, its nine same-model retries and ten 429s", () => {
    expect(timeline?.totals).toMatchObject({ requests: 1, retries: 9, rateLimited: 10 });
    expect(retries).toMatchObject({ turns: 1, failedTurns: 1, retries: 9, maxRetriesPerTurn: 9 });
    expect(timeline?.models).toEqual(["google/gemini-2.5-flash"]);
  });

  it("picks a window that shows the two minutes in at most 48 bars", () => {
    expect(timeline?.windowMs).toBe(5000);
    expect(timeline?.buckets.length).toBeLessThanOrEqual(48);
  });

  it("estimates the tokens each retry resent from the request's size", () => {
    expect(timeline?.hasTokens).toBe(true);
    expect(retries.retryTokens).toBeGreaterThan(0);
  });
});

describe("timeline from logs", () => {
  it("reads the same story from OpenClaw's file log, with the backoff waits", () => {
    const { timeline } = timelineOf(read("openclaw/file-log-429.jsonl"));
    expect(timeline?.totals.rateLimited).toBe(10);
    expect(timeline?.totals.retries).toBe(9);
    expect(timeline?.spans.every((s) => s.reason === "backoff")).toBe(true);
    expect(timeline?.spans.length).toBeGreaterThan(0);
  });

  it("reads stamped gateway lines and a cooldown", () => {
    const { timeline } = timelineOf(read("timeline/retry-storm-after-cooldown.log"));
    const cooldown = timeline?.spans.find((s) => s.reason === "cooldown");
    expect(cooldown && cooldown.endMs - cooldown.startMs).toBe(60_000);
    expect(timeline?.resetAtMs).toBe(Date.parse("2026-10-02T18:43:00Z"));
  });

  it("places bare HH:MM:SS lines on the day seen before them", () => {
    const { timeline } = timelineOf(
      "2026-01-05T10:00:00Z worker started\n10:00:05 429 Too Many Requests\n10:00:09 429 Too Many Requests",
    );
    expect(timeline?.totals.rateLimited).toBe(2);
    expect(timeline?.startMs).toBe(Date.parse("2026-01-05T10:00:05Z"));
  });

  it("counts bare 429 mentions only when no response lines were found", () => {
    const log = [
      "2026-01-05T10:00:00Z [model-fetch] response provider=google model=gemini-2.5-flash status=429",
      "2026-01-05T10:00:00Z lane task error: 429 RESOURCE_EXHAUSTED",
    ].join("\n");
    expect(timelineOf(log).timeline?.totals.rateLimited).toBe(1);
  });
});

describe("timeline from a header dump", () => {
  it("puts the reset at the date header plus retry-after", () => {
    const dump =
      "HTTP/1.1 429 Too Many Requests\nretry-after: 30\ndate: Tue, 06 Jan 2026 08:00:00 GMT\n";
    const { timeline } = timelineOf(dump);
    expect(timeline?.resetAtMs).toBe(Date.parse("2026-01-06T08:00:30Z"));
    expect(timeline?.totals.rateLimited).toBe(1);
  });

  it("has no timeline for prose without times", () => {
    expect(
      timelineOf("I keep getting 429 from Gemini, please help").timeline?.totals.requests ?? 0,
    ).toBe(0);
  });
});

describe("timeline from odd input", () => {
  it("a stray stamp years away still gives at most 48 bars, of whole days", () => {
    const { timeline } = timelineOf(
      "2019-01-01T00:00:00Z 429 Too Many Requests\n2026-01-01T00:00:00Z 429 Too Many Requests",
    );
    expect(timeline?.buckets.length).toBeLessThanOrEqual(48);
    expect((timeline?.windowMs ?? 0) % 86_400_000).toBe(0);
    expect(timeline?.totals.rateLimited).toBe(2);
  });

  it("reads a megabyte on one line (a pasted blob) without losing the lines around it", () => {
    const blob = `2026-01-05T10:00:01Z ${"retry in ".repeat(120_000)}`;
    const { timeline } = timelineOf(
      `2026-01-05T10:00:00Z 429 Too Many Requests\n${blob}\n2026-01-05T10:00:09Z 429 Too Many Requests`,
    );
    expect(timeline?.totals.rateLimited).toBe(2);
  });
});

describe("timeline builder", () => {
  it("keeps memory bounded over a month of requests and still draws at most 48 bars", () => {
    const builder = createTimelineBuilder();
    const start = Date.parse("2026-02-01T00:00:00Z");
    for (let i = 0; i < 30 * 24 * 60; i++)
      builder.add({
        kind: "request",
        atMs: start + i * 60_000,
        run: `r${i}`,
        model: "m",
        tokens: 10,
      });
    const timeline = builder.timeline(NO_LIMITS);
    expect(timeline?.buckets.length).toBeLessThanOrEqual(48);
    expect(timeline?.totals.requests).toBe(30 * 24 * 60);
    expect(timeline?.totals.tokens).toBe(30 * 24 * 60 * 10);
  });

  it("marks a switch of model inside a run", () => {
    const builder = createTimelineBuilder();
    builder.add({ kind: "request", atMs: 0, run: "a", model: "x/one", tokens: null });
    builder.add({
      kind: "response",
      atMs: 1,
      run: "a",
      model: "x/one",
      status: 429,
      ok: false,
      tokens: null,
    });
    builder.add({ kind: "request", atMs: 2, run: "a", model: "x/two", tokens: null });
    const timeline = builder.timeline(NO_LIMITS);
    expect(timeline?.marks).toEqual([{ atMs: 2, kind: "switch", label: "x/two" }]);
    expect(timeline?.models).toEqual(["x/one", "x/two"]);
  });
});
