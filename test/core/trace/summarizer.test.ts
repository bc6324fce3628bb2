import { describe, expect, it } from "vitest";
import { createTraceSummarizer } from "../../../src/core/trace/summarizer.js";
import type { TraceSummarizerOptions, TraceSummary } from "../../../src/core/trace/types.js";
import { fixtureLines } from "../evidence/openclaw/fixtures.js";

function summarize(lines: string[], options: TraceSummarizerOptions = {}): TraceSummary {
  const s = createTraceSummarizer(options);
  for (const line of lines) s.push(line);
  return s.summary();
}

const PLAIN_429 =
  "429: Google Generative AI API error (429): Resource has been exhausted (e.g. check quota). [code=RESOURCE_EXHAUSTED]";

describe("createTraceSummarizer on the captures", () => {
  it("cache-trace-429: one run, ten attempts, nine same-model retries, ten errors", () => {
    for (const strict of [false, true]) {
      const s = summarize(fixtureLines("cache-trace-429.jsonl"), { strict });
      expect(s.lines).toBe(90);
      expect(s.events).toBe(90);
      expect(s.malformed).toBe(0);
      expect(s.runs).toBe(1);
      expect(s.attempts).toBe(10);
      expect(s.retries).toBe(9);
      expect(s.sameModelRetries).toBe(9);
      expect(s.fallbacks).toBe(0);
      expect(s.errors).toBe(10);
      expect(s.successes).toBe(0);
      expect(s.runsFailed).toBe(1);
      expect(s.maxAttemptsPerRun).toBe(10);
      expect(s.firstTs).toBe("2026-11-23T22:42:52.242Z");
      expect(s.lastTs).toBe("2026-11-23T22:45:03.987Z");
      expect(s.spanMs).toBe(131_745);
      expect(s.stages["session:after"]).toBe(10);
      expect(s.stages["stream:context"]).toBe(10);
      expect(s.byModel).toEqual([
        {
          provider: "google",
          model: "gemini-2.5-flash",
          modelApi: "google-generative-ai",
          attempts: 10,
          errors: 10,
        },
      ]);
      expect(s.errorGroups).toHaveLength(1);
      const [group] = s.errorGroups;
      expect(group?.count).toBe(10);
      expect(group?.provider).toBe("google");
      expect(group?.model).toBe("gemini-2.5-flash");
      expect(group?.errorCode).toBe("RESOURCE_EXHAUSTED");
      expect(group?.status).toBe(429);
      expect(group?.message).toBe(PLAIN_429);
      expect(group?.body).toContain('"status": "RESOURCE_EXHAUSTED"');
      expect(group?.firstLine).toBe(9);
      expect(s.toolCount).toBe(14);
      expect(s.toolNames).toContain("computer");
      expect(s.maxTokens).toBeNull();
      expect(s.modelOutputLimit).toBe(65_536);
      expect(s.contextWindow).toBe(1_048_576);
      expect(s.maxRetryDelayMs).toBe(60_000);
      expect(s.redacted.oversized).toBe(10);
    }
  });

  it("measures the waits between attempts (OpenClaw's backoff, about 131 s in total)", () => {
    const s = summarize(fixtureLines("cache-trace-429.jsonl"));
    const [run] = s.runSamples;
    expect(run?.runId).toBe("d5b21719-1f87-42ff-b3ef-03c7d705d190");
    expect(run?.sessionId).toBe("rl-test-1");
    expect(run?.models).toEqual(["google/gemini-2.5-flash"]);
    expect(run?.outcome).toBe("error");
    expect(run?.durationMs).toBe(131_745);
    expect(run?.retryGapsMs).toEqual([683, 1251, 4000, 9834, 21954, 21966, 30116, 16922, 24117]);
    expect(s.retryWait).toEqual({ totalMs: 130_843, maxMs: 30_116, count: 9 });
  });

  it("cache-trace-429-quota-details: a single attempt, cut message, redacted body", () => {
    const s = summarize(fixtureLines("cache-trace-429-quota-details.jsonl"));
    expect(s.runs).toBe(1);
    expect(s.attempts).toBe(1);
    expect(s.errors).toBe(1);
    expect(s.spanMs).toBe(378);
    const [group] = s.errorGroups;
    expect(group?.message).toMatch(
      /^429: Google Generative AI API error \(429\): You exceeded your current quota/,
    );
    expect(group?.message).toContain("generativelanguag… [code=RESOURCE_EXHAUSTED]");
    expect(group?.body).toBe("[Malformed diagnostic JSON redacted]");
    expect(s.redacted.malformed).toBe(1);
  });

  it("cache-trace-429-mitigated: maxTokens from options.model.params, minimal tools", () => {
    const s = summarize(fixtureLines("cache-trace-429-mitigated-maxtokens-minimal-tools.jsonl"));
    expect(s.maxTokens).toEqual({ value: 8192, where: "options.model.params.maxTokens" });
    expect(s.modelOutputLimit).toBe(65_536);
    expect(s.toolCount).toBe(3);
    expect(s.toolNames).toEqual(["tool_call", "tool_describe", "tool_search"]);
  });

  it("cache-trace-ok: a success with the provider's input token count", () => {
    const s = summarize(fixtureLines("cache-trace-ok.jsonl"));
    expect(s.attempts).toBe(1);
    expect(s.errors).toBe(0);
    expect(s.successes).toBe(1);
    expect(s.runsOk).toBe(1);
    expect(s.request.inputTokens).toBe(12);
    expect(s.request.maxMessageCount).toBe(2);
    expect(s.request.messagesChars).toBeGreaterThan(400);
  });

  it("cache-trace-429-retry-after-header: retries came after about a second despite Retry-After: 7", () => {
    const s = summarize(fixtureLines("cache-trace-429-retry-after-header.jsonl"));
    expect(s.attempts).toBe(10);
    expect(s.runSamples[0]?.retryGapsMs.slice(0, 2)).toEqual([1141, 1303]);
  });
});

describe("partial and odd input", () => {
  const lines = fixtureLines("cache-trace-429.jsonl");

  it("counts a line cut mid-way as malformed and still reads the rest", () => {
    const cut = [...lines.slice(0, 8), (lines[8] ?? "").slice(0, 700)];
    const s = summarize(cut);
    expect(s.malformed).toBe(1);
    expect(s.malformedDetail.cut).toBe(1);
    expect(s.attempts).toBe(1);
    expect(s.errors).toBe(0);
  });

  it("counts prose as invalid and other JSON as foreign; strict mode also catches broken JSON", () => {
    const input = [
      "here is my trace:",
      '{"runId":"x","ts":"2026-11-23T22:42:52.242Z","seq":1,"stage":"session:loaded",,}',
      '{"type":"meta","file":"/tmp/openclaw/openclaw-2026-11-23.log"}',
      ...lines.slice(0, 9),
    ];
    const fast = summarize(input);
    expect(fast.malformedDetail.invalid).toBe(1);
    expect(fast.foreign).toBe(1);
    expect(fast.events).toBe(10);
    const strict = summarize(input, { strict: true });
    expect(strict.malformedDetail.invalid).toBe(2);
    expect(strict.foreign).toBe(1);
    expect(strict.events).toBe(9);
  });

  it("strict mode catches damage inside a well-framed line that the fast path skips", () => {
    const damaged = (lines[1] ?? "").replace('"messageCount":0', '"messageCount":0,,');
    const fast = summarize([lines[0] ?? "", damaged]);
    const strict = summarize([lines[0] ?? "", damaged], { strict: true });
    expect(fast.malformed).toBe(0);
    expect(strict.malformed).toBe(1);
  });

  it("reads re-serialised lines (spaces after colons) through a parse", () => {
    const spaced = lines
      .slice(0, 9)
      .map((l) => JSON.stringify(JSON.parse(l), null, 1).replace(/\n\s*/g, " "));
    const s = summarize(spaced);
    expect(s.attempts).toBe(1);
    expect(s.errors).toBe(1);
    expect(s.errorGroups[0]?.message).toBe(PLAIN_429);
  });

  it("skips over-long lines and counts them", () => {
    const s = summarize([lines[0] ?? "", `{"x":"${"a".repeat(2000)}"}`], { maxLineChars: 1000 });
    expect(s.malformedDetail.overlong).toBe(1);
    expect(s.events).toBe(1);
  });

  it("reads an older trace without runId, cache stages or messages", () => {
    const old = [
      '{"sessionId":"s1","provider":"openai","modelId":"gpt-4o-mini","ts":"2026-02-01T10:00:00.000Z","seq":1,"stage":"session:loaded"}',
      '{"sessionId":"s1","provider":"openai","modelId":"gpt-4o-mini","ts":"2026-02-01T10:00:00.100Z","seq":2,"stage":"stream:context","options":{"maxTokens":4096,"model":{"maxTokens":16384}}}',
      '{"sessionId":"s1","provider":"openai","modelId":"gpt-4o-mini","ts":"2026-02-01T10:00:01.000Z","seq":3,"stage":"session:after","note":"prompt error","error":"429 Rate limit reached for gpt-4o-mini"}',
    ];
    const s = summarize(old);
    expect(s.runs).toBe(1);
    expect(s.runSamples[0]?.runId).toBe("s1");
    expect(s.maxTokens).toEqual({ value: 4096, where: "options.maxTokens" });
    expect(s.modelOutputLimit).toBe(16_384);
    expect(s.errors).toBe(1);
    expect(s.errorGroups[0]?.message).toBe("429 Rate limit reached for gpt-4o-mini");
    expect(s.errorGroups[0]?.provider).toBe("openai");
  });

  it("follows a fallback to another model inside one run", () => {
    const first = lines.slice(0, 9);
    const second = lines
      .slice(9, 18)
      .map((l) =>
        l.replaceAll('"modelId":"gemini-2.5-flash"', '"modelId":"gemini-3-flash-preview"'),
      );
    const s = summarize([...first, ...second]);
    expect(s.attempts).toBe(2);
    expect(s.fallbacks).toBe(1);
    expect(s.sameModelRetries).toBe(0);
    expect(s.runSamples[0]?.models).toEqual([
      "google/gemini-2.5-flash",
      "google/gemini-3-flash-preview",
    ]);
  });
});

describe("bounded memory", () => {
  it("keeps counting exactly while lists stay capped", () => {
    const template = fixtureLines("cache-trace-429-quota-details.jsonl");
    const s = createTraceSummarizer({ maxActiveRuns: 5, maxRunSamples: 3, maxErrorGroups: 4 });
    for (let run = 0; run < 300; run++) {
      const id = `run-${String(run).padStart(6, "0")}-0000-0000-0000-000000000000`;
      for (const line of template)
        s.push(
          line
            .replace("3817b62f-4b7e-4cea-90c1-22d1d561aa20", id)
            .replace("You exceeded your current quota", `You exceeded quota #${run % 10}`),
        );
    }
    const summary = s.summary();
    expect(summary.runs).toBe(300);
    expect(summary.runsExact).toBe(true);
    expect(summary.attempts).toBe(300);
    expect(summary.errors).toBe(300);
    expect(summary.runsFailed).toBe(300);
    expect(summary.runSamples).toHaveLength(3);
    expect(summary.errorGroups).toHaveLength(4);
    expect(summary.errorGroups.reduce((n, g) => n + g.count, 0) + summary.errorsNotGrouped).toBe(
      300,
    );
  });

  it("says when the run count became a lower bound", () => {
    const template = fixtureLines("cache-trace-ok.jsonl");
    const s = createTraceSummarizer({ maxRunIds: 10, maxActiveRuns: 2 });
    for (let run = 0; run < 20; run++)
      for (const line of template)
        s.push(line.replaceAll("d2dae20b-6276-467a-942b-9f1c033de6c8", `r${run}-aaaaaaaaaaaaaaaa`));
    const summary = s.summary();
    expect(summary.runs).toBe(20);
    expect(summary.runsExact).toBe(false);
  });
});
