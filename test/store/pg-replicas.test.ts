import { afterEach, describe, expect, it } from "vitest";
import type { Action } from "../../src/conversation/port.js";
import type { RedactedText } from "../../src/core/redact/types.js";
import type { TriageReport } from "../../src/core/report.js";
import { openPgStore } from "../../src/store/postgres/open.js";
import type { PgStore } from "../../src/store/postgres/pg-store.js";
import type { ThreadChange } from "../../src/store/records.js";
import { StoreConflictError } from "../../src/store/store.js";
import {
  dropSchema,
  freshSchemaName,
  PG_URL,
  postgresAvailable,
} from "../helpers/store-backends.js";
import { threadRecord } from "../helpers/thread-record.js";

const AT = "2026-05-01T12:00:00.000Z";
const available = postgresAvailable("the replica claim tests");

/** Event `eventId` on `key`, at `version`, with one outbox reply per id in `replies`. */
function change(key: string, eventId: string, version: number, replies: string[]): ThreadChange {
  return {
    eventId,
    eventKind: "message",
    expectedVersion: version === 1 ? null : version - 1,
    thread: threadRecord(key, version, AT),
    addTimers: [
      { id: `${eventId}:nudge`, threadKey: key, kind: "nudge", dueAt: AT, createdAt: AT },
    ],
    actions: replies.map((id) => {
      const action: Action = {
        type: "reply",
        id,
        threadKey: key,
        text: id as RedactedText,
        report: { errorClass: "unknown" } as TriageReport,
      };
      return {
        id,
        threadKey: key,
        eventId,
        type: "reply",
        reason: null,
        text: null,
        replaces: null,
        createdAt: AT,
        payload: action,
      };
    }),
  };
}

describe.skipIf(!available)("several replicas on one PostgreSQL database", () => {
  let schema: string;
  let stores: PgStore[] = [];
  async function replicas(n: number, leaseMs: number): Promise<PgStore[]> {
    schema = freshSchemaName();
    stores = [];
    for (let i = 0; i < n; i++) {
      stores.push(await openPgStore(PG_URL ?? "", { schema, leaseMs, poolSize: 3 }));
    }
    return stores;
  }
  afterEach(async () => {
    for (const store of stores) await store.close();
    await dropSchema(schema);
  });

  it("one event committed at once by two replicas is stored once; a stale decision is refused", async () => {
    const [a, b] = await replicas(2, 60_000);
    if (!a || !b) throw new Error("two replicas");
    const results = await Promise.all([
      a.commit(change("slack:C:1", "e1", 1, ["e1#0"])),
      b.commit(change("slack:C:1", "e1", 1, ["e1#0"])),
    ]);
    expect(results.sort()).toEqual(["committed", "duplicate"]);
    const second = await Promise.allSettled([
      a.commit(change("slack:C:1", "e2", 2, [])),
      b.commit(change("slack:C:1", "e3", 2, [])),
    ]);
    const refused = second.filter((r) => r.status === "rejected");
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(StoreConflictError);
  });

  it("a due timer and a thread's outbox rows go to one replica, in order", async () => {
    const [a, b] = await replicas(2, 60_000);
    if (!a || !b) throw new Error("two replicas");
    await a.commit(change("slack:C:1", "e1", 1, ["e1#0", "e1#1"]));
    await a.commit(change("slack:C:2", "e2", 1, ["e2#0"]));
    const now = new Date("2026-05-02T00:00:00Z");
    const [timersA, timersB] = await Promise.all([a.dueTimers(now), b.dueTimers(now)]);
    expect([...timersA, ...timersB].map((t) => t.id).sort()).toEqual(["e1:nudge", "e2:nudge"]);
    expect(await b.dueTimers(now)).toEqual(timersB);

    const [rowsA, rowsB] = await Promise.all([
      a.outbox.pending("slack:", 10),
      b.outbox.pending("slack:", 10),
    ]);
    const ids = [...rowsA, ...rowsB].map((r) => r.id).sort();
    expect(ids).toEqual(["e1#0", "e1#1", "e2#0"]);
    // Both rows of thread 1 are with the same replica.
    const holder = rowsA.some((r) => r.id === "e1#0") ? rowsA : rowsB;
    expect(holder.filter((r) => r.threadKey === "slack:C:1").map((r) => r.id)).toEqual([
      "e1#0",
      "e1#1",
    ]);
    // A later row of a held thread waits for the holder too.
    await a.commit(change("slack:C:1", "e4", 2, ["e4#0"]));
    const other = holder === rowsA ? b : a;
    expect((await other.outbox.pending("slack:", 10)).map((r) => r.threadKey)).not.toContain(
      "slack:C:1",
    );
    await expect(other.outbox.begin("e1#0", new Date(AT))).rejects.toThrow(/no longer claimed/);
  });

  it("paging through due timers claims only the page read; the other replica pages past it", async () => {
    const [a, b] = await replicas(2, 60_000);
    if (!a || !b) throw new Error("two replicas");
    for (const i of [1, 2, 3]) await a.commit(change(`slack:C:${i}`, `e${i}`, 1, []));
    const now = new Date("2026-05-02T00:00:00Z");
    const firstOfA = await a.dueTimers(now, { limit: 1 });
    expect(firstOfA.map((t) => t.id)).toEqual(["e1:nudge"]);
    // The rest were not claimed by a's page: b takes them, skipping a's.
    expect((await b.dueTimers(now, { limit: 5 })).map((t) => t.id)).toEqual([
      "e2:nudge",
      "e3:nudge",
    ]);
    const last = firstOfA[0];
    if (!last) throw new Error("a page of one");
    expect(await a.dueTimers(now, { limit: 5, after: { dueAt: last.dueAt, id: last.id } })).toEqual(
      [],
    );
  });

  it("what a dead replica held goes to another once the lease ran out, in doubt if it was begun", async () => {
    const [a, b] = await replicas(2, 300);
    if (!a || !b) throw new Error("two replicas");
    await a.commit(change("slack:C:1", "e1", 1, ["e1#0"]));
    expect((await a.outbox.pending("slack:", 10)).map((r) => r.id)).toEqual(["e1#0"]);
    await a.outbox.begin("e1#0", new Date(AT));
    expect(await b.outbox.pending("slack:", 10)).toEqual([]);
    await a.close(); // a crash: nothing is settled
    await new Promise((done) => setTimeout(done, 400));
    expect(await b.outbox.pending("slack:", 10)).toMatchObject([{ id: "e1#0", inDoubt: true }]);
    expect(b.outbox.claimLeaseMs).toBe(300);
  });
});
