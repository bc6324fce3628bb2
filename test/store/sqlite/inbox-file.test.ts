import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inboxFilePath } from "../../../src/store/sqlite/inbox-file.js";
import { openSqliteStore } from "../../../src/store/sqlite/open.js";
import { seedChange } from "../../helpers/seed-threads.js";

const event = (id: string, thread = "slack:C1:1.000") => ({
  id,
  threadKey: thread,
  payload: `{"n":"${id}"}`,
  receivedAt: new Date("2026-05-01T12:00:00Z"),
});

describe("the SQLite inbox in a file of its own", () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "inbox-file-"));
    path = join(dir, "bot.db");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("lives beside the database, so a writer holding the database does not hold an ack", async () => {
    const store = openSqliteStore(path);
    expect(existsSync(inboxFilePath(path))).toBe(true);
    const engine = new Database(path);
    engine.pragma("busy_timeout = 0");
    engine.prepare("BEGIN IMMEDIATE").run();
    // The engine's write transaction holds the database's lock; the inbox's file is free.
    expect(await store.inbox.record(event("ev-1"))).toBe(true);
    engine.prepare("ROLLBACK").run();
    engine.close();
    expect(await store.inbox.holdsThread("slack:C1:1.000")).toBe(true);
    const [taken] = await store.inbox.take("slack:", 10, new Date("2026-05-01T12:00:01Z"));
    expect(taken?.id).toBe("ev-1");
    await store.inbox.done(["ev-1"]);
    expect(await store.inbox.backlog("slack:")).toBe(0);
    await store.close();
  });

  it("is not locked by a decision's commit on a connection that has it attached too", async () => {
    // The engine thread's store attaches the inbox's file as well. BEGIN IMMEDIATE would take the
    // write lock of every attached file, and the adapter's insert before an ack would wait for it.
    const engine = openSqliteStore(path);
    const adapter = new Database(inboxFilePath(path));
    adapter.pragma("busy_timeout = 0");
    const insert = adapter.prepare(
      "INSERT INTO inbox (id, thread_key, payload, received_at) VALUES (?, 'slack:C1:1.000', '{}', ?)",
    );
    let insertedMidCommit = false;
    // Runs inside the commit's transaction, after its first write (the event's row).
    engine.statements.db.function("adapter_inserts", () => {
      insert.run("ev-mid-commit", new Date().toISOString());
      insertedMidCommit = true;
      return 1;
    });
    engine.statements.db.exec(
      "CREATE TEMP TRIGGER mid_commit AFTER INSERT ON main.events BEGIN SELECT adapter_inserts(); END",
    );
    expect(await engine.commit(seedChange(1, { dueCount: 1 }))).toBe("committed");
    expect(insertedMidCommit).toBe(true);
    expect(await engine.inbox.holdsThread("slack:C1:1.000")).toBe(true);
    adapter.close();
    await engine.close();
  });

  it("keeps what it recorded across a reopen, as the database does", async () => {
    const first = openSqliteStore(path);
    await first.inbox.record(event("ev-1"));
    await first.inbox.record(event("ev-2"));
    await first.close();
    const second = openSqliteStore(path);
    const taken = await second.inbox.take("slack:", 10, new Date("2026-05-01T12:00:01Z"));
    expect(taken.map((e) => e.id)).toEqual(["ev-1", "ev-2"]);
    await second.close();
  });

  it("moves the rows an earlier version kept in the database's own table, in their order, once", async () => {
    openSqliteStore(path).close();
    // An earlier version's database: its acked events in migration 8's table.
    const legacy = new Database(path);
    const insert = legacy.prepare(
      "INSERT INTO inbox (id, thread_key, payload, received_at, attempts) VALUES (?, ?, ?, ?, ?)",
    );
    insert.run("old-1", "slack:C1:2.000", "{}", "2026-05-01T11:00:00.000Z", 0);
    insert.run("old-2", "slack:C1:2.000", "{}", "2026-05-01T11:00:01.000Z", 2);
    legacy.close();

    const store = openSqliteStore(path);
    await store.inbox.record(event("new-1"));
    const taken = await store.inbox.take("slack:", 10, new Date("2026-05-01T12:00:01Z"));
    expect(taken.map((e) => [e.id, e.attempts])).toEqual([
      ["old-1", 0],
      ["old-2", 2],
      ["new-1", 0],
    ]);
    await store.close();
    const check = new Database(path);
    expect(check.prepare("SELECT count(*) AS n FROM inbox").get()).toEqual({ n: 0 });
    check.close();
  });

  it("an in-memory store keeps its inbox in memory", async () => {
    const store = openSqliteStore(":memory:");
    expect(await store.inbox.record(event("ev-1"))).toBe(true);
    expect(await store.inbox.backlog("slack:")).toBe(1);
    await store.close();
  });
});
