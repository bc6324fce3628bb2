import { describe, expect, test } from "vitest";
import { KeyedQueue } from "../../../src/conversation/keyed-queue.js";

describe("KeyedQueue", () => {
  test("runs one thread's work in order, even when an earlier piece is slow or fails", async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = queue.run("a", async () => {
      await gate;
      log.push("a1");
      throw new Error("boom");
    });
    const second = queue.run("a", async () => {
      log.push("a2");
    });
    const other = queue.run("b", async () => {
      log.push("b1");
    });
    await other;
    expect(log).toEqual(["b1"]);
    release();
    await expect(first).rejects.toThrow("boom");
    await second;
    await queue.idle();
    expect(log).toEqual(["b1", "a1", "a2"]);
  });
});
