import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConsoleProcess, count } from "../adapters/console/support/console-process.js";
import { readFixture } from "../helpers/fixtures.js";

describe("npm start console: an incident forms across threads and ends", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rlt-e2e-inc-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("opens at the third reporter, leaves the other signature out, ends after quiet; restart posts nothing twice", {
    timeout: 90_000,
  }, async () => {
    const env = {
      DATABASE_PATH: join(dir, "bot.db"),
      CONSOLE_START_TIME: "2026-05-01T12:00:00Z",
      INCIDENT_MIN_REPORTERS: "3",
    };
    const bot = new ConsoleProcess(env);
    bot.write(readFixture("incidents", "console-session.txt"));
    expect(await bot.end()).toBe(0);
    const out = bot.stdout;
    expect(bot.stderr).toBe("");
    const beforeCarol = out.split("── carol (reporter) · #4 ──")[0] ?? "";
    expect(beforeCarol).not.toContain("· incident");
    expect(count(out, "📣 **You're not the only one.** 3 people")).toBe(3);
    for (const n of [1, 2, 4]) expect(out).toContain(`── ratelimit-triage · incident · #${n} ──`);
    expect(out).not.toContain("── ratelimit-triage · incident · #3 ──");
    expect(count(out, "🚨 **Incident opened:**")).toBe(1);
    expect(out).toContain("3 reporters in 12 min; usual: 0.0/h");
    expect(count(out, "✅ **Incident ended:**")).toBe(1);
    expect(out).toContain("No new thread for 60 min. 3 reporters, 3 threads");
    expect(out).toMatch(/- \*\*ended\*\* google gemini-2\.5-flash .* · 3 threads/);

    // The same file after a restart: time moves on, and nothing is announced again.
    const again = new ConsoleProcess(env);
    again.write("/time +2h\n/incidents\n");
    expect(await again.end()).toBe(0);
    expect(again.stdout).not.toContain("📣");
    expect(again.stdout).not.toContain("Incident ended");
    expect(again.stdout).toContain("- **ended** google gemini-2.5-flash");
  });
});
