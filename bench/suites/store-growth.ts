/**
 * Cost per event as the database grows, and the catch-up after downtime, in one process: the
 * real engine on a real SQLite file. Threads are seeded straight through `store.commit` (one
 * reporter message, one reply, one pending nudge each), then new messages are decided in random
 * existing threads. BENCH_STORE_SIZES sets the thread counts (default "1000,33000"),
 * BENCH_DUE_TIMERS the timers due at once after the simulated outage (default 12000).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createConversation } from "../../src/conversation/engine.js";
import type { IncomingEvent } from "../../src/conversation/port.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import { alice, DAY, seedChange, T0 } from "../../test/helpers/seed-threads.js";
import type { BenchSuite } from "../run.js";
import { fmtMs, percentile } from "../support/percentiles.js";

/** The longest the event loop was kept from running a timer while `work` ran. */
async function withLoopProbe<T>(work: () => Promise<T>): Promise<{ result: T; maxLagMs: number }> {
  let maxLagMs = 0;
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    maxLagMs = Math.max(maxLagMs, now - last - 5);
    last = now;
  }, 5);
  try {
    const result = await work();
    const now = performance.now();
    maxLagMs = Math.max(maxLagMs, now - last - 5);
    return { result, maxLagMs };
  } finally {
    clearInterval(probe);
  }
}

async function measureAt(threads: number, dueTimers: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "rlt-store-bench-"));
  const store = openSqliteStore(join(dir, "bot.db"));
  const out: string[] = [];
  try {
    const seedStart = performance.now();
    for (let i = 0; i < threads; i++) await store.commit(seedChange(i, { dueCount: dueTimers }));
    const seedMs = performance.now() - seedStart;
    const kb = loadKnowledge();
    const port = createConversation({ store, kb });
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const event = (n: number, key: string): IncomingEvent => ({
      platform: "slack",
      threadKey: key,
      eventId: `bench-${n}`,
      messageId: `bench-${n}`,
      kind: "message",
      author: alice,
      text: n % 2 === 0 ? "still failing, it says RESOURCE_EXHAUSTED again" : "openclaw 2026.9.6",
      attachments: [],
      at: new Date(T0 + 2 * 3_600_000 + n),
    });
    for (let n = 0; n < 50; n++) await port.receive(event(n, `slack:C1:${n % threads}`)); // warm-up
    const samples: number[] = [];
    for (let n = 50; n < 850; n++) {
      const key = `slack:C1:${Math.floor(random() * threads)}`;
      const start = performance.now();
      await port.receive(event(n, key));
      samples.push(performance.now() - start);
    }
    out.push(
      `${String(threads).padStart(6)} threads: follow-up message p50 ${fmtMs(percentile(samples, 50))}, p99 ${fmtMs(percentile(samples, 99))} (n=${samples.length}; seeded in ${(seedMs / 1000).toFixed(1)} s)`,
    );
    if (dueTimers > 0 && threads >= dueTimers) {
      // The outage: every seeded nudge (due a day after its thread) is due at once.
      const now = new Date(T0 + 2 * DAY);
      const start = performance.now();
      const { result, maxLagMs } = await withLoopProbe(() => port.tick(now));
      const ms = performance.now() - start;
      const perThread = new Map<string, number>();
      for (const a of result) {
        const key = a.type === "handoff_card" ? a.card.threadKey : a.threadKey;
        perThread.set(key, (perThread.get(key) ?? 0) + 1);
      }
      out.push(
        `${String(threads).padStart(6)} threads, ${dueTimers} due timers: tick ${(ms / 1000).toFixed(2)} s, longest event-loop stall ${fmtMs(maxLagMs)}, ${result.filter((a) => a.type === "notice").length} notices in ${perThread.size} threads (max ${Math.max(0, ...perThread.values())} actions in one thread)`,
      );
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

export const suite: BenchSuite = {
  name: "store cost per event and catch-up",
  async run() {
    const sizes = (process.env.BENCH_STORE_SIZES ?? "1000,33000").split(",").map(Number);
    const due = Number(process.env.BENCH_DUE_TIMERS ?? 12_000);
    const out: string[] = [];
    for (const size of sizes) out.push(...(await measureAt(size, due)));
    return out;
  },
};
