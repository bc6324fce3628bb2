import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrate, SchemaTooNewError, schemaVersion } from "../../src/store/sqlite/migrate.js";
import { MIGRATIONS } from "../../src/store/sqlite/migrations.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";

const dirs: string[] = [];
function tempPath(...parts: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "rlt-store-"));
  dirs.push(dir);
  return join(dir, ...parts);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const LATEST = MIGRATIONS.at(-1)?.version ?? 0;

describe("opening the SQLite store", () => {
  it("creates the directory and file, in WAL mode, at the latest schema version", async () => {
    const path = tempPath("nested", "data", "bot.db");
    const store = openSqliteStore(path);
    await store.close();
    expect(existsSync(path)).toBe(true);
    const db = new Database(path);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual([
      "actions",
      "events",
      "facts",
      "handoffs",
      "inbox",
      "incident_threads",
      "incidents",
      "issue_ledger",
      "issue_reports",
      "messages",
      "questions_asked",
      "resolutions",
      "settings",
      "signature_hits",
      "threads",
      "timers",
      "verdicts",
      "watched_issues",
    ]);
    db.close();
  });

  it("reopening applies nothing; an older file is brought up to date step by step", () => {
    const path = tempPath("bot.db");
    const db = new Database(path);
    expect(migrate(db, MIGRATIONS.slice(0, 1))).toEqual([1]);
    expect(migrate(db, MIGRATIONS)).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    expect(migrate(db, MIGRATIONS)).toEqual([]);
    db.close();
  });

  it("refuses a file written by a newer build", () => {
    const path = tempPath("bot.db");
    const db = new Database(path);
    db.pragma("user_version = 99");
    db.close();
    expect(() => openSqliteStore(path)).toThrow(SchemaTooNewError);
  });

  it("a failing migration leaves the file at the last complete version", () => {
    const path = tempPath("bot.db");
    const db = new Database(path);
    const broken = [
      ...MIGRATIONS,
      { version: LATEST + 1, name: "broken", sql: "CREATE TABLE x (a); NOT SQL" },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(LATEST);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'x'").get()).toBeUndefined();
    db.close();
  });
});
