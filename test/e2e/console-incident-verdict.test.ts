import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConsoleProcess } from "../adapters/console/support/console-process.js";
import { readFixture } from "../helpers/fixtures.js";

describe("npm start console: a thread's verdict during an incident and after it", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rlt-e2e-incv-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("a thread that joins an open incident is told provider_incident; once it ends, its own evidence speaks again", {
    timeout: 90_000,
  }, async () => {
    const bot = new ConsoleProcess({
      DATABASE_PATH: join(dir, "bot.db"),
      CONSOLE_START_TIME: "2026-05-01T12:00:00Z",
      INCIDENT_MIN_REPORTERS: "2",
    });
    bot.write(readFixture("incidents", "console-verdict.txt"));
    expect(await bot.end()).toBe(0);
    expect(bot.stderr).toBe("");
    const out = bot.stdout;
    const [beforeCarol = "", carolOn = ""] = out.split("── carol (reporter) · #3 ──");
    const [during = "", after = ""] = carolOn.split("> /time +70m");

    // Alice and Bob posted the same text before any incident: the evidence alone answered them.
    expect(beforeCarol).toContain("**Not enough to tell which limit this is yet**");
    expect(beforeCarol).not.toContain("**Diagnosis: provider-side change or incident**");

    // Carol posts the same text while the incident is open: her reply and her card say so.
    expect(during).toContain(
      "**Diagnosis: provider-side change or incident** · Google Gemini API (AI Studio) · `gemini-2.5-flash`",
    );
    expect(during).toContain(
      "📣 Many people are hitting the same failure right now (2 reporters in 3 min; usual: 0.0/h; since 2026-05-01 12:00 UTC).",
    );
    expect(during).toContain("What this thread's evidence alone says: not enough evidence yet.");
    expect(during).toContain("⏱️ Wait it out");
    expect(during).toMatch(
      /- In an incident: incident inc-\S+: 2 reporters in 3 min; usual: 0\.0\/h, since 12:00 UTC · the evidence alone: not enough evidence yet/,
    );

    // The maintainers hear of an incident through its one tracker issue, not one per thread.
    expect(during).not.toContain("open the pre-filled form");
    expect(during).not.toContain("Reply `/issue`");

    // The incident ends; /triage and /card in the same thread give the evidence's verdict again.
    expect(after).toContain("✅ **Incident ended:**");
    expect(after).toContain("**Not enough to tell which limit this is yet**");
    expect(after).not.toContain("provider-side change or incident**");
    expect(after).not.toContain("In an incident:");
    expect(after).toContain("- Not diagnosed yet · Google Gemini API (AI Studio)");
  });
});
