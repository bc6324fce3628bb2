import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RedactedText } from "../../src/core/redact/types.js";
import type { TriageReport } from "../../src/core/report.js";
import type { PgStore } from "../../src/store/postgres/pg-store.js";
import type { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { awaitingThread } from "../helpers/seed-threads.js";
import { storeBackends, type TestDatabase } from "../helpers/store-backends.js";

const SIGNATURE = {
  provider: "google" as const,
  modelFamily: "gemini-2.5-flash",
  errorClass: "capacity_or_overload" as const,
  signatureId: null,
  tool: "openclaw",
  versionBucket: "2026.2",
};
const AT = "2026-05-01T12:00:00.000Z";

function incident(id: string, signatureKey = "k1") {
  return {
    id,
    signatureKey,
    signature: SIGNATURE,
    openedAt: "2026-05-01T12:30:00.000Z",
    firstSeenAt: "2026-05-01T12:10:00.000Z",
    lastHitAt: "2026-05-01T12:30:00.000Z",
    reporters: 5,
    explanation: "5 reporters in 20 min; usual: 0.0/h",
  };
}

/** A thread whose reporter had the bot file issue `issueNumber` from it. */
async function fileIssueFrom(store: SqliteStore | PgStore, threadKey: string, issueNumber: number) {
  await store.commit({
    eventId: `${threadKey}:issue`,
    eventKind: "command",
    expectedVersion: null,
    thread: awaitingThread(threadKey, AT, 1),
    issueReport: {
      id: `${threadKey}:issue`,
      threadKey,
      at: AT,
      requestedBy: "alice",
      status: "filed",
      report: { title: "Gemini 429" as RedactedText } as unknown as TriageReport,
      url: `https://github.com/o/r/issues/${issueNumber}`,
      issueNumber,
    },
    actions: [],
  });
}

describe.each(storeBackends("the incident store tests"))("incidents on $name", (backend) => {
  if (!backend.available) return;

  let db: TestDatabase;
  const stores: (SqliteStore | PgStore)[] = [];
  /** Another process (or replica) on the same database. */
  const open = async () => {
    const store = await db.open();
    stores.push(store);
    return store;
  };
  beforeEach(() => {
    db = backend.database();
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    await db.remove();
  });

  it("records a thread's hit on a signature once", async () => {
    const incidents = (await open()).incidents();
    const hit = { signatureKey: "k1", threadKey: "t1", reporterKey: "console:u1", at: AT };
    expect(await incidents.recordHit(hit)).toBe(true);
    expect(await incidents.recordHit({ ...hit, at: "2026-05-01T12:05:00.000Z" })).toBe(false);
    expect(await incidents.hitsFor("k1", "2026-05-01T00:00:00.000Z")).toEqual([hit]);
    expect(await incidents.hitsFor("k1", "2026-05-01T12:00:00.001Z")).toEqual([]);
    expect(await incidents.signaturesOf("t1")).toEqual(["k1"]);
  });

  it("lets only one of two processes open the incident of a signature", async () => {
    const a = (await open()).incidents();
    const b = (await open()).incidents();
    const [first, second] = await Promise.all([
      a.open(incident("inc-a")),
      b.open(incident("inc-b")),
    ]);
    expect([first.opened, second.opened].sort()).toEqual([false, true]);
    expect(second.incident.id).toBe(first.incident.id);
    const id = first.incident.id;
    expect(await b.addThread(id, "t1", "2026-05-01T12:30:00.000Z")).toBe(true);
    expect(await a.addThread(id, "t1", "2026-05-01T12:31:00.000Z")).toBe(false);
    expect(await a.threadsOf(id)).toEqual(["t1"]);
    await a.touch(id, "2026-05-01T12:40:00.000Z", 7, "7 reporters");
    await b.touch(id, "2026-05-01T12:35:00.000Z", 6, "6 reporters");
    const touched = await a.activeFor("k1");
    expect([touched?.lastHitAt, touched?.reporters]).toEqual(["2026-05-01T12:40:00.000Z", 7]);
    expect(await a.close(id, "2026-05-01T13:30:00.000Z")).toBe(true);
    expect(await b.close(id, "2026-05-01T13:31:00.000Z")).toBe(false);
    expect(await a.active()).toEqual([]);
    // Once ended, the signature may open a new one.
    expect((await b.open(incident("inc-c"))).opened).toBe(true);
    const recent = await a.recent(5);
    expect(recent.map((i) => [i.id, i.closedAt])).toEqual([
      ["inc-c", null],
      [id, "2026-05-01T13:30:00.000Z"],
    ]);
    expect(recent[0]?.signature).toEqual(SIGNATURE);
  });

  it("watches filed and tracked issues until one process records the close", async () => {
    const store = await open();
    const watch = store.issueWatch();
    const other = (await open()).issueWatch();
    await fileIssueFrom(store, "t-filed", 41);
    const incidents = store.incidents();
    const { incident: tracked } = await incidents.open(incident("inc-1"));
    await incidents.addThread(tracked.id, "t-b", AT);
    await incidents.addThread(tracked.id, "t-a", AT);
    await incidents.setTracker(tracked.id, { number: 42, url: "https://github.com/o/r/issues/42" });
    expect((await incidents.activeFor("k1"))?.tracker).toEqual({
      number: 42,
      url: "https://github.com/o/r/issues/42",
    });
    await watch.watchIssue(42, "https://github.com/o/r/issues/42");
    await other.watchIssue(42, "https://github.com/o/r/issues/42");

    expect(await watch.openWatchedIssues()).toEqual([
      { issueNumber: 41, url: "https://github.com/o/r/issues/41" },
      { issueNumber: 42, url: "https://github.com/o/r/issues/42" },
    ]);
    expect(await watch.threadsOfIssue(41)).toEqual(["t-filed"]);
    expect(await watch.threadsOfIssue(42)).toEqual(["t-a", "t-b"]);
    expect(await watch.threadsOfIssue(43)).toEqual([]);

    const closes = await Promise.all([
      watch.issueClosed(41, "2026-05-02T00:00:00.000Z", "fixed"),
      other.issueClosed(41, "2026-05-02T00:00:01.000Z", "fixed"),
    ]);
    expect(closes.sort()).toEqual([false, true]);
    // A closed issue stays closed, though it was filed from a thread.
    expect((await other.openWatchedIssues()).map((i) => i.issueNumber)).toEqual([42]);
  });
});
