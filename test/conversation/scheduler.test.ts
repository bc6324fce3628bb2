import { describe, expect, it } from "vitest";
import { KeyedQueue } from "../../src/conversation/keyed-queue.js";
import type { Action } from "../../src/conversation/port.js";
import { createScheduler } from "../../src/conversation/scheduler.js";

const notice = (n: number): Action => ({
  type: "state",
  threadKey: `t${n}`,
  from: "awaiting_user",
  to: "closed_stale",
});

describe("scheduler", () => {
  it("catches up on start, fires on demand, delivers what came due, stops cleanly", async () => {
    const seen: Date[] = [];
    const delivered: Action[] = [];
    let now = new Date("2026-05-01T00:00:00Z");
    const scheduler = createScheduler({
      port: {
        tick: async (at) => {
          seen.push(at);
          return seen.length === 1 ? [notice(1)] : [];
        },
      },
      deliver: async (actions) => {
        delivered.push(...actions);
      },
      clock: () => now,
      intervalMs: 0,
    });
    await scheduler.start();
    expect(delivered).toEqual([notice(1)]);
    now = new Date("2026-05-02T00:00:00Z");
    await scheduler.runOnce();
    expect(seen.map((d) => d.toISOString())).toEqual([
      "2026-05-01T00:00:00.000Z",
      "2026-05-02T00:00:00.000Z",
    ]);
    await scheduler.stop();
    await scheduler.runOnce();
    expect(seen).toHaveLength(2);
  });

  it("runs ticks one after another and survives a failing one", async () => {
    const order: string[] = [];
    const errors: unknown[] = [];
    let calls = 0;
    const scheduler = createScheduler({
      port: {
        tick: async () => {
          calls += 1;
          const mine = calls;
          order.push(`start ${mine}`);
          await Promise.resolve();
          order.push(`end ${mine}`);
          if (mine === 1) throw new Error("boom");
          return [];
        },
      },
      deliver: async () => {},
      clock: () => new Date(0),
      intervalMs: 0,
      onError: (e) => errors.push(e),
    });
    await Promise.all([scheduler.runOnce(), scheduler.runOnce()]);
    expect(order).toEqual(["start 1", "end 1", "start 2", "end 2"]);
    expect(errors).toHaveLength(1);
  });
});

describe("KeyedQueue", () => {
  it("serialises per key, not across keys, and keeps going after a failure", async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const a1 = queue.run("a", async () => {
      await gate;
      log.push("a1");
      throw new Error("a1 failed");
    });
    const a2 = queue.run("a", async () => {
      log.push("a2");
    });
    await queue.run("b", async () => {
      log.push("b1");
    });
    release();
    await expect(a1).rejects.toThrow("a1 failed");
    await a2;
    expect(log).toEqual(["b1", "a1", "a2"]);
  });
});
