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

  it("a reset already past is not offered as a time to wait for", () => {
    const said = (now: string) =>
      triage(
        {
          messages: [
            {
              role: "reporter",
              content:
                'MiniMax via openclaw: HTTP 429 {"type":"error","error":{"type":"rate_limit_error","message":"usage limit exceeded, 5-hour usage limit reached for Token Plan Starter (0/0 used), resets at 2026-05-15T15:00:00Z"}}',
            },
          ],
        },
        kb,
        new Date(now),
      ).report;
    const before = said("2026-05-15T12:00:00Z");
    expect(before.facts.resetAt).toBe("2026-05-15T15:00:00.000Z");
    expect(before.reply).toContain("(15:00 UTC, in 3 h)");
    // Read days later: the reset is history, not a time to wait for (no "in )" left dangling).
    const after = said("2026-05-20T12:00:00Z");
    const wait = after.mitigations.find((m) => m.id === "wait-for-reset");
    expect(wait?.title).toBe("Wait for the window to reset");
    expect(after.reply).not.toMatch(/, in \)/);
  });
});
