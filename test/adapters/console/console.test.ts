import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startConsole } from "../../../src/adapters/console/run-console.js";
import { createConversation } from "../../../src/conversation/engine.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { openSqliteStore } from "../../../src/store/sqlite/open.js";
import { readFixture } from "../../helpers/fixtures.js";

const kb = loadKnowledge();
const START = new Date("2026-05-01T12:00:00Z");

/** Runs the console in-process on a script and returns everything it printed. */
async function session(path: string, script: string, chartDir?: string): Promise<string> {
  const store = openSqliteStore(path);
  const conversation = createConversation({
    store,
    kb,
    policy: { nudgeAfterHours: 24, closeAfterHours: 48 },
  });
  const input = new PassThrough();
  let out = "";
  const running = startConsole({
    input,
    output: { write: (chunk: string) => (out += chunk) },
    interactive: false,
    conversation,
    store,
    kb,
    startTime: START,
    ...(chartDir ? { chartDir } : {}),
  });
  input.end(script);
  await running.done;
  await store.close();
  return out;
}

describe("console adapter (in-process, scripted stdin)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rlt-console-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the chart of a pasted log as a PNG and prints where", async () => {
    const log = readFixture("timeline", "per-minute-retries.log").trim();
    const charts = join(dir, "charts");
    const out = await session(
      join(dir, "bot.db"),
      `429s all morning\n\n"""\n${log}\n"""\n`,
      charts,
    );
    const written = /── chart written to (\S+\.png) \(gpt-4o-mini: 30 × 429/.exec(out)?.[1];
    expect(written?.startsWith(charts)).toBe(true);
    expect(
      readFileSync(written ?? "")
        .subarray(1, 4)
        .toString("latin1"),
    ).toBe("PNG");
    expect(out).toContain("What the retries cost:");
  });

  it("echoes the user, prints replies like a chat, and persists the session", async () => {
    const path = join(dir, "bot.db");
    const error = readFixture("conversation", "gemini-per-day-error.txt").trim();
    const out = await session(
      path,
      `Getting 429s from Gemini in openclaw\n\n"""\n${error}\n"""\n/time +2h\n/as staff\nlooking\n\n/card\n/help\n/bogus\n`,
    );
    expect(out).toContain("── alice (reporter) · #1 ──\nGetting 429s from Gemini in openclaw");
    expect(out).toContain("── ratelimit-triage ──\n**Not enough to tell which limit this is yet**");
    expect(out).toContain("── #1: new → awaiting_user ──");
    expect(out).toContain("**Diagnosis: requests-per-day quota**");
    expect(out).toContain("── clock: 2026-05-01 14:00 UTC (+2h) ──");
    expect(out).toContain("── speaking as sam (staff) ──");
    expect(out).toContain("── ratelimit-triage · claimed ──");
    expect(out).toContain("── only sam can see this ──\n### 🙋 Handoff:");
    expect(out).toContain("/as reporter|staff|community [name]");
    expect(out).toContain("!! unknown command /bogus (try /help)");
    // A second run resumes the thread, speaker and clock.
    const again = await session(path, "/time\n@bot status?\n");
    expect(again).toContain("── clock: 2026-05-01 14:00 UTC (+2h) ──");
    expect(again).toContain("── sam (staff) · #1 ──\n@bot status?");
    expect(again).toContain("── ratelimit-triage ──\n**Diagnosis: requests-per-day quota**");
  });

  it("/new, /edit, /redeliver", async () => {
    const out = await session(
      join(dir, "bot.db"),
      "first thread\n\n/new Second problem\nGetting 429s from Gemini in openclaw\n\n/edit\nGetting 429s from Gemini in openclaw 2026.2.24\n\n/redeliver\n",
    );
    expect(out).toContain("── new thread #2: Second problem · speaking as alice (reporter) ──");
    expect(out).toContain("── alice (reporter) (edited) · #2 ──");
    expect(out).toContain("── ratelimit-triage (edited its reply) ──");
    expect(out).toMatch(/── redelivered console:2:m\d+@.*: already handled, nothing new ──/);
  });

  it("/new on an untouched session names thread #1 instead of skipping it", async () => {
    const out = await session(join(dir, "bot.db"), "/new First\n/new Renamed\nhello\n");
    expect(out).toContain("── new thread #1: First · speaking as alice (reporter) ──");
    expect(out).toContain("── new thread #1: Renamed · speaking as alice (reporter) ──");
    expect(out).toContain("── alice (reporter) · #1 ──\nhello");
  });

  it("keeps no secret in SQLite: the session's last message and thread title are stored redacted", async () => {
    const path = join(dir, "bot.db");
    const key = `AIzaSy${"Q".repeat(33)}`;
    await session(
      path,
      `/new Gemini key ${key} fails
my key ${key} gets 429

`,
    );
    const db = new Database(path, { readonly: true });
    const rows = db.prepare("SELECT value FROM settings").all() as Array<{ value: string }>;
    db.close();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.value).not.toContain(key);
    const again = await session(path, "/redeliver\n");
    expect(again).toContain("already handled, nothing new");
  });
});
