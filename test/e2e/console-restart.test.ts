import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BOT, ConsoleProcess, count } from "../adapters/console/support/console-process.js";
import { readFixture } from "../helpers/fixtures.js";

const ERROR = readFixture("conversation", "gemini-per-day-error.txt").trim();
const T0 = Date.parse("2026-05-01T12:00:00Z");
const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();

describe("the console killed and restarted mid-thread", () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rlt-restart-"));
    path = join(dir, "bot.db");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const start = (hours: number) =>
    new ConsoleProcess({ DATABASE_PATH: path, CONSOLE_START_TIME: at(hours) });

  it("keeps state and timers, catches up, and never replies twice", {
    timeout: 120_000,
  }, async () => {
    // Run 1: two messages, then kill -9 while it waits for more input.
    const first = start(0);
    first.write("Getting 429 rate limit errors from Gemini in openclaw, help\n\n");
    await first.waitFor((out) => out.includes("── #1: new → awaiting_user ──"));
    first.write("openclaw --version: 2026.2.24\n\n");
    await first.waitFor((out) => count(out, BOT) === 2);
    await first.kill9();

    // Run 2, 25 h later: the overdue nudge fires on start; the last event redelivered does nothing.
    const second = start(25);
    await second.waitFor((out) => out.includes("· nudge ──"));
    second.write("/redeliver\n");
    await second.waitFor((out) => out.includes("already handled, nothing new"));
    second.write(`"""\n${ERROR}\n"""\n`);
    await second.waitFor((out) => out.includes("**Diagnosis: requests-per-day quota**"));
    await second.kill9();
    expect(count(second.stdout, BOT)).toBe(1);
    expect(count(second.stdout, "· nudge ──")).toBe(1);
    // The diagnosis knows the earlier messages: it was made on the whole stored thread.
    // (the version given before the kill is never asked for again).
    expect(second.stdout.toLowerCase()).not.toContain("the tool and its version");
    expect(second.stdout).toContain("- now: **requests-per-day quota**");
    expect(second.stdout).not.toContain("To pin it down");

    // Run 3 at the same time: nothing is due, nothing is repeated.
    const third = start(25);
    expect(await third.end()).toBe(0);
    expect(third.stdout).toBe("");

    // Run 4, a day later: the new nudge (the diagnosis restarted the clock) fires once.
    const fourth = start(49.5);
    expect(await fourth.end()).toBe(0);
    expect(count(fourth.stdout, "· nudge ──")).toBe(1);
    expect(fourth.stdout).toContain("Did the suggestion work?");

    // Run 5, 48 h after that nudge: closed with a summary; a reply in run 6 reopens it.
    const fifth = start(98);
    expect(await fifth.end()).toBe(0);
    expect(fifth.stdout).toContain("── #1: diagnosed → closed_stale ──");
    expect(fifth.stdout).toContain("- Diagnosis: **requests-per-day quota**");
    const sixth = start(120);
    sixth.write("still failing after midnight PT\n");
    expect(await sixth.end()).toBe(0);
    expect(sixth.stdout).toContain("── #1: closed_stale → diagnosed ──");
    expect(count(sixth.stdout, BOT)).toBe(1);

    const db = new Database(path, { readonly: true });
    const replies = db.prepare("SELECT COUNT(*) AS n FROM actions WHERE type = 'reply'").get() as {
      n: number;
    };
    expect(replies.n).toBe(4);
    const fired = db
      .prepare("SELECT kind FROM timers WHERE fired_at IS NOT NULL ORDER BY due_at")
      .all();
    expect(fired).toEqual([{ kind: "nudge" }, { kind: "nudge" }, { kind: "close" }]);
    db.close();
  });
});
