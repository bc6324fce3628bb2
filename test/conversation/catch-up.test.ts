import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createConversation } from "../../src/conversation/engine.js";
import type { Action } from "../../src/conversation/port.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import type { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import { DAY, seedChange, seedKey, T0 } from "../helpers/seed-threads.js";

const kb = loadKnowledge();
const threadOf = (a: Action) => (a.type === "handoff_card" ? a.card.threadKey : a.threadKey);

describe("catching up on timers after downtime", () => {
  const dirs: string[] = [];
  const stores: SqliteStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  async function seeded(threads: number, alsoClose: (i: number) => boolean = () => false) {
    const dir = mkdtempSync(join(tmpdir(), "rlt-catch-up-"));
    dirs.push(dir);
    const store = openSqliteStore(join(dir, "bot.db"));
    stores.push(store);
    for (let i = 0; i < threads; i++) {
      await store.commit(seedChange(i, { dueCount: threads, alsoClose }));
    }
    // Every page the engine reads, so the test sees the batches.
    const pages: number[] = [];
    const counted: Store = Object.create(store, {
      dueTimers: {
        value: async (...args: Parameters<Store["dueTimers"]>) => {
          const page = await store.dueTimers(...args);
          pages.push(page.length);
          return page;
        },
      },
    });
    return { store, pages, port: createConversation({ store: counted, kb }) };
  }

  it("fires a backlog page by page, oldest first, letting the event loop run between firings", async () => {
    const threads = 500;
    const { port, pages } = await seeded(threads);
    let turns = 0;
    let spinning = true;
    const spin = () => {
      if (!spinning) return;
      turns += 1;
      setImmediate(spin);
    };
    setImmediate(spin);
    const actions = await port.tick(new Date(T0 + 2 * DAY));
    spinning = false;

    expect(pages.length).toBeGreaterThan(1);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(threads);
    expect(Math.max(...pages)).toBeLessThan(threads);
    // Other work (an ack, a delivery) got a turn between firings, not only after the backlog.
    expect(turns).toBeGreaterThanOrEqual(threads);
    const nudged = actions.filter((a) => a.type === "notice").map(threadOf);
    expect(nudged).toEqual(Array.from({ length: threads }, (_, i) => seedKey(i)));
  });

  it("says one thing per thread when several of its timers came due meanwhile", async () => {
    const threads = 40;
    const { port, store } = await seeded(threads, (i) => i % 2 === 0);
    const actions = await port.tick(new Date(T0 + 30 * DAY));
    const perThread = new Map<string, Action[]>();
    for (const a of actions.filter((x) => x.type === "notice")) {
      perThread.set(threadOf(a), [...(perThread.get(threadOf(a)) ?? []), a]);
    }
    expect(perThread.size).toBe(threads);
    for (const [key, said] of perThread) {
      const i = Number(key.split(":").at(-1));
      expect(said.map((a) => (a.type === "notice" ? a.reason : a.type))).toEqual([
        i % 2 === 0 ? "closed" : "nudge",
      ]);
    }
    // Nothing left over to fire on the next tick, apart from the closes the nudges scheduled.
    const next = await port.tick(new Date(T0 + 30 * DAY));
    expect(next).toEqual([]);
    expect((await store.loadThread(seedKey(0)))?.thread.state).toBe("closed_stale");
  });
});
