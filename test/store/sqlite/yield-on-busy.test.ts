import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inboxFilePath } from "../../../src/store/sqlite/inbox-file.js";
import { openSqliteStore } from "../../../src/store/sqlite/open.js";
import { SqliteStore } from "../../../src/store/sqlite/sqlite-store.js";

describe("a store opened with neverBlock, beside another connection that writes", () => {
  let dir: string;
  let path: string;
  let other: Database.Database;
  /** The inbox's own file (inbox-file.ts): the inbox's writes wait only for writers of it. */
  let otherInbox: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "yield-on-busy-"));
    path = join(dir, "bot.db");
    openSqliteStore(path).close();
    other = new Database(path);
    otherInbox = new Database(inboxFilePath(path));
  });
  afterEach(() => {
    if (other.open) other.close();
    if (otherInbox.open) otherInbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const event = (id: string) => ({
    id,
    threadKey: "slack:C1:1.000",
    payload: "{}",
    receivedAt: new Date("2026-05-01T12:00:00Z"),
  });

  it("waits for the lock on a timer: the thread keeps running, and the write lands after", async () => {
    const store = openSqliteStore(path, { neverBlock: true });
    otherInbox.prepare("BEGIN IMMEDIATE").run();
    let turns = 0;
    let settled = false;
    const ticking = setInterval(() => turns++, 1);
    const recorded = store.inbox.record(event("ev-1")).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 40));
    // Held by the other connection: not written yet, and this thread was free all along.
    expect(settled).toBe(false);
    expect(turns).toBeGreaterThan(5);
    otherInbox.prepare("COMMIT").run();
    expect(await recorded).toBe(true);
    clearInterval(ticking);
    expect(await store.inbox.backlog("slack:")).toBe(1);
    await store.close();
  });

  it("sub-stores and methods that return them keep the behaviour; errors other than a lock pass through", async () => {
    const store = openSqliteStore(path, { neverBlock: true });
    expect(store).toBeInstanceOf(SqliteStore);
    other.prepare("BEGIN IMMEDIATE").run();
    const setting = store.setSetting("k", { v: 1 });
    const ledger = store.issueLedger();
    setTimeout(() => other.prepare("COMMIT").run(), 20);
    await setting;
    expect(await store.getSetting("k")).toEqual({ v: 1 });
    expect(ledger).toBeDefined();
    await expect(store.inbox.retryLater("missing", "x", new Date())).resolves.toBeUndefined();
    await store.close();
    await expect(store.inbox.record(event("ev-2"))).rejects.toThrow(/not open/);
  });

  it("without neverBlock a lock held past busy_timeout is the caller's error, as before", async () => {
    const store = openSqliteStore(path);
    otherInbox.prepare("BEGIN IMMEDIATE").run();
    store.statements.get("PRAGMA busy_timeout = 50").get();
    await expect(store.inbox.record(event("ev-3"))).rejects.toThrow(/locked|busy/i);
    otherInbox.prepare("ROLLBACK").run();
    await store.close();
  });
});
