import { describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze.js";
import { clockUtc } from "../../src/core/durations.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { verdictEmbed } from "../../src/render/discord/verdict-embed.js";
import { renderReply } from "../../src/render/markdown/reply.js";
import { triage } from "../../src/triage.js";
import { NOW, threadFixture } from "../helpers/fixtures.js";

const kb = loadKnowledge();
// The Gemini per-day fixture resets at 08:00 UTC on 2026-11-28; NOW is the evening before.
const SAME_DAY = new Date("2026-11-28T01:00:00Z");

describe("a provider's reset time reads like the wait line", () => {
  it("is the clock time in UTC, with the date only when it is another day", () => {
    expect(clockUtc("2026-11-28T08:00:00.000Z", SAME_DAY)).toBe("08:00 UTC");
    expect(clockUtc("2026-11-28T08:00:00.000Z", NOW)).toBe("2026-11-28 08:00 UTC");
    expect(clockUtc("not a time", NOW)).toBe("not a time");
  });

  it.each([
    ["en", "resets at 08:00 UTC (in 7 h)"],
    ["zh", "将在 08:00 UTC 重置"],
    ["es", "no se reinicia hasta 08:00 UTC (dentro de 7 h)"],
    ["pt", "não reinicia antes de 08:00 UTC (daqui a 7 h)"],
    ["ja", "枠は 08:00 UTC にリセットされます"],
    ["de", "wird um 08:00 UTC zurückgesetzt (in 7 h)"],
  ])("in %s the reply says %s", (language, phrase) => {
    const analysis = analyze(threadFixture("gemini-free-tier-per-day"), kb, SAME_DAY);
    const reply = renderReply(analysis, { kb, now: SAME_DAY, language });
    expect(reply).toContain(phrase);
    expect(reply).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  });

  it("the wait-for-reset advice and the Discord verdict embed show it the same way", () => {
    const { report } = triage(threadFixture("gemini-free-tier-per-day"), kb, NOW);
    const titles = report.mitigations.map((m) => m.title).join("\n");
    expect(titles).toContain("(2026-11-28 08:00 UTC, in 12 h)");
    const retry = verdictEmbed(report, SAME_DAY).fields?.find((f) => f.name === "Retry");
    expect(retry?.value).toBe("no, resets 08:00 UTC");
    expect(JSON.stringify(report.mitigations)).not.toMatch(/T08:00:00/);
  });
});
