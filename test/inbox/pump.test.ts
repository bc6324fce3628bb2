import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { KeyedQueue } from "../../src/conversation/keyed-queue.js";
import { InboxPump } from "../../src/inbox/pump.js";
import type { InboxEntry } from "../../src/store/inbox.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import type { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";

const logger = pino({ level: "silent" });
let store: SqliteStore;
let pump: InboxPump | undefined;
afterEach(async () => {
  await pump?.stop();
  await store?.close();
});

async function record(id: string, threadKey: string): Promise<void> {
  await store.inbox.record({ id, threadKey, payload: "{}", receivedAt: new Date() });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("InboxPump", () => {
  it("decides each thread's events in order, threads side by side, and empties the inbox", async () => {
    store = openSqliteStore(":memory:");
    const decided: string[] = [];
    let running = 0;
    let most = 0;
    pump = new InboxPump({
      inbox: store.inbox,
      prefix: "slack:",
      queue: new KeyedQueue(),
      logger,
      decide: async (entry: InboxEntry) => {
        running++;
        most = Math.max(most, running);
        await sleep(5);
        decided.push(entry.id);
        running--;
      },
    });
    for (let t = 0; t < 4; t++)
      for (let m = 0; m < 3; m++) await record(`t${t}m${m}`, `slack:C:${t}`);
    await record("d0", "discord:1");
    pump.start();
    await pump.idle();
    for (let t = 0; t < 4; t++)
      expect(decided.filter((id) => id.startsWith(`t${t}`))).toEqual([
        `t${t}m0`,
        `t${t}m1`,
        `t${t}m2`,
      ]);
    expect(decided).toHaveLength(12);
    // Four threads at once, never two events of one thread.
    expect(most).toBe(4);
    expect(await store.inbox.backlog("slack:")).toBe(0);
    expect(await store.inbox.backlog("discord:")).toBe(1);
  });

  it("deletes decided events' rows in batches, not one write per event; stop leaves none decided behind", async () => {
    store = openSqliteStore(":memory:");
    const deletes: number[] = [];
    const inbox = store.inbox;
    const counting = Object.assign(Object.create(Object.getPrototypeOf(inbox)), inbox, {
      done: async (ids: readonly string[]) => {
        deletes.push(ids.length);
        await inbox.done(ids);
      },
    });
    pump = new InboxPump({
      inbox: counting,
      prefix: "slack:",
      queue: new KeyedQueue(),
      logger,
      decide: async (entry: InboxEntry) => {
        decided.add(entry.id);
      },
    });
    const decided = new Set<string>();
    for (let t = 0; t < 30; t++) await record(`e${t}`, `slack:C:${t}`);
    pump.start();
    await pump.idle();
    expect(await store.inbox.backlog("slack:")).toBe(0);
    expect(deletes.reduce((a, b) => a + b, 0)).toBe(30);
    expect(deletes.length).toBeLessThan(30 / 5);
    await record("late", "slack:C:late");
    pump.kick();
    while (!decided.has("late")) await sleep(1);
    // Decided, its row not deleted yet (the batch waits 20 ms): stopping deletes it.
    await pump.stop();
    expect(await store.inbox.backlog("slack:")).toBe(0);
  });

  it("keeps at most `window` events in flight; the rest wait in the store", async () => {
    store = openSqliteStore(":memory:");
    let running = 0;
    let most = 0;
    pump = new InboxPump({
      inbox: store.inbox,
      prefix: "slack:",
      queue: new KeyedQueue(),
      logger,
      window: 8,
      decide: async () => {
        running++;
        most = Math.max(most, running);
        await sleep(2);
        running--;
      },
    });
    pump.start();
    for (let i = 0; i < 100; i++) {
      await record(`e${i}`, `slack:C:${i}`);
      pump.kick();
    }
    await pump.idle();
    expect(most).toBeLessThanOrEqual(8);
    expect(most).toBeGreaterThan(1);
    expect(await store.inbox.backlog("slack:")).toBe(0);
  });

  it("a failing decision is tried again after a backoff, and never dropped", async () => {
    store = openSqliteStore(":memory:");
    const tries: string[] = [];
    pump = new InboxPump({
      inbox: store.inbox,
      prefix: "slack:",
      queue: new KeyedQueue(),
      logger,
      baseDelayMs: 10,
      maxDelayMs: 20,
      pollMs: 10,
      decide: async (entry) => {
        tries.push(`${entry.id}#${entry.attempts}`);
        if (entry.attempts < 3) throw new Error("the database is locked");
      },
    });
    await record("e1", "slack:C:1");
    pump.start();
    while ((await store.inbox.backlog("slack:")) > 0) await sleep(10);
    expect(tries).toEqual(["e1#0", "e1#1", "e1#2", "e1#3"]);
  });
});
