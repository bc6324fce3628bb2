import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  copySqliteToPostgres,
  STORE_TABLES,
  StoreCopyError,
} from "../../src/store/copy-to-postgres.js";
import type { IncidentSignature } from "../../src/store/incidents.js";
import { openPgStore } from "../../src/store/postgres/open.js";
import { inboxFilePath } from "../../src/store/sqlite/inbox-file.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import {
  alice,
  conversationFixture,
  Harness,
  HOUR,
  START,
  sam,
} from "../conversation/support/harness.js";
import {
  dropSchema,
  freshSchemaName,
  PG_URL,
  postgresAvailable,
} from "../helpers/store-backends.js";

/** Columns only one store has: PostgreSQL's insertion order and claims, SQLite's verdict ids. */
const STORE_ONLY = new Set(["rid", "claimed_by", "claimed_until", "id:verdicts", "seq:inbox"]);

function comparable(table: string, rows: Array<Record<string, unknown>>): string[] {
  return rows
    .map((row) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(row)
            .filter(([c]) => !STORE_ONLY.has(c) && !STORE_ONLY.has(`${c}:${table}`))
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([c, v]) => [c, v === null ? null : String(v)]),
        ),
      ),
    )
    .sort();
}

/**
 * A real bot's file: the engine answers a thread, drafts an issue, hands it off and is told it is
 * solved; incidents, a watched issue, the filing ledger, a setting and an undecided event are
 * written beside it.
 */
async function botFile(h: Harness): Promise<void> {
  await h.say(alice, "Getting 429s from Gemini, openclaw --version: 2026.2.24", {
    title: "Gemini 429 on free tier",
  });
  await h.say(alice, conversationFixture("gemini-per-day-error.txt"));
  await h.command(alice, "issue");
  await h.command(sam, "handoff");
  h.threadKey = "console:t2";
  await h.say(alice, "429 from Gemini again, openclaw 2026.2.24");
  await h.say(alice, conversationFixture("gemini-per-day-error.txt"));
  await h.command(alice, "solved", "waited for the reset");
  // A third thread whose answer the bot committed but never sent (it stopped first).
  h.threadKey = "slack:C1:t3";
  await h.port.receive(
    h.event(alice, conversationFixture("gemini-per-day-error.txt"), { platform: "slack" }),
  );
  const incidents = h.store.incidents();
  const signature: IncidentSignature = {
    provider: "google",
    modelFamily: "gemini-2.5-flash",
    errorClass: "rpd",
    signatureId: null,
    tool: "openclaw",
    versionBucket: "2026.2",
  };
  const signatureKey = "google|gemini-2.5-flash|rpd|-|openclaw@2026.2";
  await incidents.recordHit({
    signatureKey,
    threadKey: "console:t1",
    reporterKey: "console:u-alice",
    at: "2026-05-01T12:00:00.000Z",
  });
  await incidents.open({
    id: "inc-1",
    signatureKey,
    signature,
    openedAt: "2026-05-01T12:20:00.000Z",
    firstSeenAt: "2026-05-01T12:02:00.000Z",
    lastHitAt: "2026-05-01T12:20:00.000Z",
    reporters: 5,
    explanation: "5 reporters in 18 min",
  });
  await incidents.addThread("inc-1", "console:t1", "2026-05-01T12:20:00.000Z");
  await h.store.issueWatch().watchIssue(4242, "https://github.com/o/r/issues/4242");
  await h.store.issueLedger().put("console:t1#issue", {
    state: "pending",
    action: "create",
    issueNumber: null,
    marker: "<!-- rlt:abc -->",
    at: "2026-05-01T12:05:00.000Z",
  });
  await h.store.setSetting("console.session", { threadKey: "console:t2" });
  // An event Slack had its ack for, not decided yet when the bot stopped.
  await h.store.inbox.record({
    id: "slack:C1:t4",
    threadKey: "slack:C1:t4",
    payload: JSON.stringify({ via: "message", channel: "C1", kind: "message" }),
    receivedAt: new Date("2026-05-01T12:30:00.000Z"),
  });
}

/** A table's rows as the bot's file holds them (the inbox in its own file beside it). */
function sqliteRows(path: string, table: string): Array<Record<string, unknown>> {
  const db = new Database(path, { readonly: true });
  try {
    db.prepare("ATTACH DATABASE ? AS acked").run(inboxFilePath(path));
    const from = table === "inbox" ? "acked.inbox" : table;
    return db.prepare(`SELECT * FROM ${from} ORDER BY rowid`).all() as Array<
      Record<string, unknown>
    >;
  } finally {
    db.close();
  }
}

const pgOk = postgresAvailable("copying a SQLite store");

describe.skipIf(!pgOk)("copySqliteToPostgres", () => {
  const h = new Harness();
  const schema = freshSchemaName();
  let client: pg.Client;

  beforeAll(async () => {
    await botFile(h);
    await h.store.close();
    client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await dropSchema(schema);
    await h.close();
  });

  it("copies every table's rows, then a second run copies nothing", async () => {
    for (const table of STORE_TABLES)
      expect(sqliteRows(h.path, table).length, `${table} seeded`).toBeGreaterThan(0);

    const first = await copySqliteToPostgres({ sqlitePath: h.path, url: PG_URL ?? "", schema });
    expect(first.tables.map((t) => t.table)).toEqual([...STORE_TABLES]);
    for (const t of first.tables) {
      const source = sqliteRows(h.path, t.table);
      expect(t).toEqual({
        table: t.table,
        source: source.length,
        copied: source.length,
        alreadyThere: 0,
      });
      const target = (await client.query(`SELECT * FROM ${t.table}`)).rows;
      expect(comparable(t.table, target), t.table).toEqual(comparable(t.table, source));
    }

    // Without --force a filled target is refused, naming what it holds.
    const refused = copySqliteToPostgres({ sqlitePath: h.path, url: PG_URL ?? "", schema });
    await expect(refused).rejects.toThrow(StoreCopyError);
    await expect(refused).rejects.toThrow(/not empty \(threads 3, .*--force/);

    const again = await copySqliteToPostgres({
      sqlitePath: h.path,
      url: PG_URL ?? "",
      schema,
      force: true,
    });
    for (const t of again.tables) expect(t.copied, t.table).toBe(0);
    for (const table of STORE_TABLES) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      expect(Number(rows[0]?.n), table).toBe(sqliteRows(h.path, table).length);
    }
  });

  it("the PostgreSQL store reads the copied threads as the SQLite store wrote them", async () => {
    const store = await openPgStore(PG_URL ?? "", { schema, poolSize: 2 });
    try {
      const copied = await store.loadThread("console:t1");
      h.store = openSqliteStore(h.path);
      const original = await h.store.loadThread("console:t1");
      expect(copied).toEqual(original);
      expect(await store.hasEvent("console:t1:m1")).toBe(true);
      expect(await store.incidents().threadsOf("inc-1")).toEqual(["console:t1"]);
      expect(await store.getSetting("console.session")).toEqual({ threadKey: "console:t2" });
      expect(await store.resolutions()).toEqual(await h.store.resolutions());
    } finally {
      await store.close();
    }
  });

  it("the PostgreSQL bot carries on: the unsent answer is pending, the timers come due", async () => {
    const store = await openPgStore(PG_URL ?? "", { schema, poolSize: 2, leaseMs: 0 });
    try {
      const later = new Date(START.getTime() + 72 * HOUR);
      const sqlitePending = await h.store.outbox.pending("slack:", 100);
      expect(sqlitePending.map((e) => e.threadKey)).toContain("slack:C1:t3");
      const pgPending = await store.outbox.pending("slack:", 100);
      expect(pgPending.map((e) => e.id)).toEqual(sqlitePending.map((e) => e.id));
      expect(pgPending.map((e) => e.action)).toEqual(sqlitePending.map((e) => e.action));
      const due = (await store.dueTimers(later)).map((t) => t.id);
      expect(due.length).toBeGreaterThan(0);
      expect(due).toEqual((await h.store.dueTimers(later)).map((t) => t.id));
    } finally {
      await store.close();
    }
  });

  it("--force merges: rows the target lacks are added, its own are kept", async () => {
    await client.query("DELETE FROM settings");
    await client.query("INSERT INTO settings (key, value) VALUES ('own', '1')");
    const merged = await copySqliteToPostgres({
      sqlitePath: h.path,
      url: PG_URL ?? "",
      schema,
      force: true,
    });
    expect(merged.tables.find((t) => t.table === "settings")).toMatchObject({ copied: 1 });
    expect(merged.tables.find((t) => t.table === "threads")).toMatchObject({
      copied: 0,
      alreadyThere: 3,
    });
    const keys = (await client.query("SELECT key FROM settings ORDER BY key")).rows;
    expect(keys.map((r) => r.key)).toEqual(["console.session", "own"]);
  });
});

describe("copySqliteToPostgres without a database to read", () => {
  it("a missing file is refused before PostgreSQL is touched", async () => {
    await expect(
      copySqliteToPostgres({ sqlitePath: "/nonexistent/bot.db", url: "postgres://127.0.0.1:1/x" }),
    ).rejects.toThrow(/^no SQLite database at \/nonexistent\/bot\.db$/);
  });
});
