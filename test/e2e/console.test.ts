import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BOT, ConsoleProcess, count } from "../adapters/console/support/console-process.js";
import { readFixture } from "../helpers/fixtures.js";

const ERROR = readFixture("conversation", "gemini-per-day-error.txt").trim();

describe("npm start with no tokens: the console, end to end", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rlt-e2e-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("runs a thread's whole lifecycle from piped stdin on a real SQLite file", {
    timeout: 60_000,
  }, async () => {
    const path = join(dir, "data", "bot.db");
    const script = [
      "Getting 429 rate limit errors from Gemini in openclaw, help",
      "",
      "openclaw --version: 2026.2.24",
      "",
      "ok, looking for the rest",
      "",
      "/time +24h",
      "/time +48h",
      '"""',
      ERROR,
      '"""',
      "/as staff",
      "Hi alice, sam here. Is billing enabled on that project?",
      "",
      "/as reporter",
      "no, free tier",
      "",
      "/time +200h",
      "/as staff",
      "/release",
      "/as reporter",
      "enabled billing, it works now",
      "",
      "/card",
    ].join("\n");
    const bot = new ConsoleProcess({
      DATABASE_PATH: path,
      CONSOLE_START_TIME: "2026-05-01T12:00:00Z",
      STALE_NUDGE_HOURS: "24",
      STALE_CLOSE_HOURS: "48",
    });
    bot.write(`${script}\n`);
    expect(await bot.end()).toBe(0);
    const out = bot.stdout;
    expect(bot.stderr).toBe("");
    expect(existsSync(path)).toBe(true);

    // First reply asks everything once; the second says what changed and only "still needed".
    expect(count(out, "OPENCLAW_CACHE_TRACE=1")).toBe(1);
    expect(out).toContain("- answered: The tool and its version");
    expect(out).toContain("── ratelimit-triage · info ──\n**Still needed**");
    // Stale: nudge after 24 h, close 48 h later with a summary; the paste reopens it.
    expect(out).toContain("── ratelimit-triage · nudge ──\n⏰ alice, is this still happening?");
    expect(out).toContain("── #1: awaiting_user → closed_stale ──");
    expect(out).toContain("💤 Closing this thread: no reply from alice for 72 h");
    expect(out).toContain("── #1: closed_stale → diagnosed ──");
    // The later paste changes the verdict.
    expect(out).toContain("- now: **requests-per-day quota**");
    // Staff takeover: the bot goes quiet; no stale timers while staff have it.
    expect(out).toContain("── #1: diagnosed → handed_off ──");
    expect(out).toContain("👋 sam from the support team has this thread now");
    const whileStaffHadIt = out.slice(out.indexOf("👋 sam")).split("> /release")[0] ?? "";
    expect(whileStaffHadIt).toContain("── alice (reporter) · #1 ──\nno, free tier");
    expect(whileStaffHadIt).toContain("> /time +200h");
    expect(count(whileStaffHadIt, BOT)).toBe(0);
    expect(whileStaffHadIt).not.toContain("· nudge ──");
    // Released, then solved with what worked recorded.
    expect(out).toContain("sam handed this thread back to me");
    expect(out).toContain("── #1: diagnosed → solved ──");
    expect(out).toContain("Noted what fixed it: **Enable billing on the key's project");
    expect(out).toContain("### 🙋 Handoff:");

    const db = new Database(path, { readonly: true });
    const replies = db.prepare("SELECT COUNT(*) AS n FROM actions WHERE type = 'reply'").get() as {
      n: number;
    };
    expect(count(out, BOT)).toBe(replies.n);
    expect((db.prepare("SELECT state FROM threads").get() as { state: string }).state).toBe(
      "solved",
    );
    expect(db.prepare("SELECT mitigation_id FROM resolutions").get()).toEqual({
      mitigation_id: expect.stringMatching(/billing/),
    });
    db.close();
  });

  it("SIGTERM shuts down cleanly: the database is closed and checkpointed", async () => {
    const path = join(dir, "bot.db");
    const bot = new ConsoleProcess({
      DATABASE_PATH: path,
      CONSOLE_START_TIME: "2026-05-01T12:00:00Z",
    });
    bot.write("Getting 429s from Gemini\n\n");
    await bot.waitFor((out) => out.includes("── #1: new → awaiting_user ──"));
    expect(await bot.terminate()).toBe(0);
    // A clean close checkpoints the WAL into the main file and removes it.
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it("reports a bad variable by name and exits 2", async () => {
    const bot = new ConsoleProcess({ DATABASE_PATH: join(dir, "x.db"), STALE_NUDGE_HOURS: "soon" });
    expect(await bot.end()).toBe(2);
    expect(bot.stderr).toContain(
      'STALE_NUDGE_HOURS: must be a number of hours, e.g. 24 (got "soon")',
    );
  });

  it("with a platform token it runs that platform instead of the console", async () => {
    // A closed loopback port: the Discord adapter starts, fails to reach its API, and says so.
    const bot = new ConsoleProcess({
      DATABASE_PATH: join(dir, "x.db"),
      DISCORD_TOKEN: "t",
      DISCORD_API_URL: "http://127.0.0.1:9/api",
      LOG_LEVEL: "silent",
    });
    bot.write("hello\n\n");
    expect(await bot.end()).toBe(1);
    expect(bot.stderr).toContain("ECONNREFUSED 127.0.0.1:9");
    expect(bot.stdout).toBe("");
  });
});
