import { describe, expect, it } from "vitest";
import { CONDENSE_ABOVE_CHARS } from "../../../src/core/evidence/condense.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { triage } from "../../../src/triage.js";

/** A gateway log with nine same-model retries spread through filler, well over the condense limit. */
function longLog(): string {
  const lines: string[] = [];
  for (let i = 1; i <= 9; i++) {
    for (let j = 0; j < 200; j++)
      lines.push(
        `2026-11-23T22:${String(10 + i).padStart(2, "0")}:${String(j % 60).padStart(2, "0")}.000+00:00 [gateway/ws] heartbeat ok seq=${i * 1000 + j}`,
      );
    lines.push(
      `2026-11-23T22:${String(10 + i).padStart(2, "0")}:59.500+00:00 [agent/embedded] transient same-model retry ${i}/10 for google/gemini-2.5-flash reason=rate_limit: delayMs=${1000 * i}`,
    );
  }
  return lines.join("\n");
}

describe("an OpenClaw log longer than the prose limit", () => {
  it("reaches the log reader whole: all nine retries are counted, not the one a condensed view keeps", () => {
    const log = longLog();
    expect(log.length).toBeGreaterThan(CONDENSE_ABOVE_CHARS);
    const { analysis } = triage(
      { messages: [{ content: `gemini 429s, gateway log:\n${log}` }] },
      loadKnowledge(),
      new Date("2026-11-24T00:00:00Z"),
    );
    const signals = analysis.facts.signals.map((s) => s.detail);
    expect(signals.join("\n")).toMatch(/retried google\/gemini-2\.5-flash 9 times \(of 10 allowed/);
  });
});
