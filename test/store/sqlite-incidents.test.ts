import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import type { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";

const SIGNATURE = {
  provider: "google" as const,
  modelFamily: "gemini-2.5-flash",
  errorClass: "capacity_or_overload" as const,
  signatureId: null,
  tool: "openclaw",
  versionBucket: "2026.2",
};

function incident(id: string) {
  return {
    id,
    signatureKey: "k1",
    signature: SIGNATURE,
    openedAt: "2026-05-01T12:30:00.000Z",
    firstSeenAt: "2026-05-01T12:10:00.000Z",
    lastHitAt: "2026-05-01T12:30:00.000Z",
    reporters: 5,
    explanation: "5 reporters in 20 min; usual: 0.0/h",
  };
}

describe("SQLite incident store", () => {
  const dir = mkdtempSync(join(tmpdir(), "rlt-inc-"));
  const stores: SqliteStore[] = [];
  const open = () => {
    const store = openSqliteStore(join(dir, "bot.db"));
    stores.push(store);
    return store.incidents();
  };
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  it("records a thread's hit on a signature once", async () => {
    const incidents = open();
    const hit = {
      signatureKey: "k1",
      threadKey: "t1",
      reporterKey: "console:u1",
      at: "2026-05-01T12:00:00.000Z",
    };
    expect(await incidents.recordHit(hit)).toBe(true);
    expect(await incidents.recordHit({ ...hit, at: "2026-05-01T12:05:00.000Z" })).toBe(false);
    expect(await incidents.hitsFor("k1", "2026-05-01T00:00:00.000Z")).toEqual([hit]);
    expect(await incidents.signaturesOf("t1")).toEqual(["k1"]);
  });

  it("lets only one of two processes open the incident of a signature", async () => {
    const a = open();
    const b = open();
    const first = await a.open(incident("inc-a"));
    const second = await b.open(incident("inc-b"));
    expect(first.opened).toBe(true);
    expect(second.opened).toBe(false);
    expect(second.incident.id).toBe("inc-a");
    expect(await b.addThread("inc-a", "t1", "2026-05-01T12:30:00.000Z")).toBe(true);
    expect(await a.addThread("inc-a", "t1", "2026-05-01T12:31:00.000Z")).toBe(false);
    expect(await a.close("inc-a", "2026-05-01T13:30:00.000Z")).toBe(true);
    expect(await b.close("inc-a", "2026-05-01T13:31:00.000Z")).toBe(false);
    // Once ended, the signature may open a new one.
    expect((await b.open(incident("inc-c"))).opened).toBe(true);
    const recent = await a.recent(5);
    expect(recent.map((i) => [i.id, i.closedAt])).toEqual([
      ["inc-c", null],
      ["inc-a", "2026-05-01T13:30:00.000Z"],
    ]);
    rmSync(dir, { recursive: true, force: true });
  });
});
