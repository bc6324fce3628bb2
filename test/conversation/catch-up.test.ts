import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createConversation } from "../../src/conversation/engine.js";
import type { Action, IncomingEvent } from "../../src/conversation/port.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import type { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import { alice, DAY, seedChange, seedKey, T0 } from "../helpers/seed-threads.js";

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

  /** A store whose loading of `heldKey` waits for `release`, and which logs each commit's event. */
  async function heldStore(threads: number, heldKey: string) {
    const { store } = await seeded(threads);
    const commits: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((done) => {
      release = done;
    });
    const held: Store = Object.create(store, {
      loadThread: {
        value: async (key: string) => {
          if (key === heldKey) await gate;
          return store.loadThread(key);
        },
      },
      commit: {
        value: async (...args: Parameters<Store["commit"]>) => {
          commits.push(args[0].eventId);
          return store.commit(...args);
        },
      },
    });
    return { store, commits, release, port: createConversation({ store: held, kb }) };
  }

  const newThread = (key: string): IncomingEvent => ({
    platform: "slack",
    threadKey: key,
    eventId: `ev:${key}`,
    messageId: `msg:${key}`,
    kind: "message",
    author: alice,
    text: "429 RESOURCE_EXHAUSTED from gemini-2.5-flash since this morning",
    attachments: [],
    at: new Date(T0 + 2 * DAY),
  });

  it("lets an event being decided commit its reply before any timer fires", async () => {
    const key = "slack:C2:new";
    const { port, commits, release } = await heldStore(3, key);
    const replying = port.receive(newThread(key));
    const ticking = port.tick(new Date(T0 + 2 * DAY));
    // The event is mid-decision: the tick waits instead of firing nudges ahead of its reply.
    await new Promise((done) => setTimeout(done, 50));
    expect(commits).toEqual([]);
    release();
    const replyActions = await replying;
    const fired = await ticking;
    expect(replyActions.some((a) => a.type === "reply")).toBe(true);
    expect(commits).toEqual([`ev:${key}`, ...[0, 1, 2].map((i) => `timer:seed-${i}:nudge`)]);
    expect(fired.filter((a) => a.type === "notice").map(threadOf)).toEqual([0, 1, 2].map(seedKey));
  });

  it("ends the tick early while events keep the engine busy, leaving the timers due for the next", async () => {
    const key = "slack:C2:busy";
    const { port, commits, release } = await heldStore(3, key);
    const replying = port.receive(newThread(key));
    // Busy past the tick's patience: it gives up and fires nothing (the nudges can wait).
    expect(await port.tick(new Date(T0 + 2 * DAY))).toEqual([]);
    release();
    await replying;
    const fired = await port.tick(new Date(T0 + 2 * DAY));
    expect(fired.filter((a) => a.type === "notice").map(threadOf)).toEqual([0, 1, 2].map(seedKey));
    expect(commits[0]).toBe(`ev:${key}`);
  });
});
