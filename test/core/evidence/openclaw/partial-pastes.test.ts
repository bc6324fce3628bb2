import { describe, expect, it } from "vitest";
import { openclawCacheTraceExtractor } from "../../../../src/core/evidence/openclaw/cache-trace.js";
import { openclawModelsStatusJsonExtractor } from "../../../../src/core/evidence/openclaw/models-status-json.js";
import { extract, fixtureLines, ofKind, openclawFixture } from "./fixtures.js";

const trace = fixtureLines("cache-trace-429.jsonl");

describe("pastes cut or wrapped by chat", () => {
  it("a trace in a fence with prose around it, its last line cut by the message limit", () => {
    const text = [
      "Here's my cache trace, it keeps failing:",
      "```jsonl",
      ...trace.slice(0, 17),
      (trace[17] ?? "").slice(0, 800),
      "```",
      "Any idea?",
    ].join("\n");
    const evidence = extract(text, openclawCacheTraceExtractor);
    expect(ofKind(evidence, "trace")[0]).toMatchObject({ runs: 1, attempts: 2, errors: 1 });
    expect(ofKind(evidence, "unreadable")).toEqual([
      expect.objectContaining({ reason: "1 cache-trace line could not be read (1 cut mid-way)" }),
    ]);
    expect(ofKind(evidence, "provider_error")[0]?.source.line).toBe(11);
  });

  it("lines glued to their fences, quoted with '>', indented", () => {
    const text = [
      `\`\`\`${trace[0]}`,
      ...trace.slice(1, 8).map((l) => `> ${l}`),
      `    ${trace[8]}\`\`\``,
    ].join("\n");
    const [summary] = ofKind(extract(text, openclawCacheTraceExtractor), "trace");
    expect(summary).toMatchObject({ attempts: 1, errors: 1 });
  });

  it("an event pretty-printed over several lines", () => {
    const pretty = JSON.stringify(JSON.parse(trace[8] ?? "{}"), null, 2);
    const [summary] = ofKind(
      extract(`the session:after event:\n${pretty}`, openclawCacheTraceExtractor),
      "trace",
    );
    expect(summary).toMatchObject({ attempts: 1, errors: 1 });
  });

  it("a trace that is only cut lines says it could not be read", () => {
    const evidence = extract((trace[8] ?? "").slice(0, 300), openclawCacheTraceExtractor);
    expect(ofKind(evidence, "trace")).toEqual([]);
    expect(ofKind(evidence, "unreadable")).toHaveLength(1);
  });

  it("models status --json missing its end still gives the model setup and the probe", () => {
    const json = openclawFixture("models-status-probe-429.json");
    const cut = json.slice(0, json.indexOf('"latencyMs"'));
    const evidence = extract(
      `output of models status --probe --json:\n\`\`\`\n${cut}`,
      openclawModelsStatusJsonExtractor,
    );
    expect(ofKind(evidence, "model_status")[0]?.defaultModel).toBe("google/gemini-2.5-flash");
    expect(ofKind(evidence, "probe")[0]).toMatchObject({
      status: "rate_limit",
      model: "gemini-2.5-flash",
    });
  });

  it("models status --json cut before the auth section still gives the default model", () => {
    const json = openclawFixture("models-status.json");
    const evidence = extract(
      json.slice(0, json.indexOf('"auth"') + 20),
      openclawModelsStatusJsonExtractor,
    );
    expect(ofKind(evidence, "model_status")[0]).toMatchObject({
      defaultModel: "google/gemini-2.5-flash",
      authSources: [],
    });
  });

  it("a models status shortened with '...' by the user", () => {
    const json = openclawFixture("models-status-profile-cooldown.json").replace(
      /"oauth": \{[\s\S]*$/u,
      "...",
    );
    const evidence = extract(json, openclawModelsStatusJsonExtractor);
    expect(ofKind(evidence, "cooldown")[0]?.remainingMs).toBe(26_505);
  });
});
