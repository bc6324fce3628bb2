import { pino } from "pino";
import { describe, expect, test } from "vitest";
import { HomeRefreshes } from "../../../src/adapters/slack/home-refresh.js";
import { KeyedQueue } from "../../../src/conversation/keyed-queue.js";

function gate(): { wait: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const wait = new Promise<void>((done) => {
    open = done;
  });
  return { wait, open };
}

describe("App Home refreshes under load", () => {
  test("wait for the replies queued before them, and a second open joins the waiting refresh", async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const home = new HomeRefreshes({
      queue,
      publish: async (user) => {
        log.push(`home ${user}`);
      },
      logger: pino({ level: "silent" }),
      busyThreads: 1,
      pauseMs: 1,
    });
    const replies = [gate(), gate()];
    const threads = replies.map((g, i) =>
      queue.run(`slack:C1:${i}`, async () => {
        await g.wait;
        log.push(`reply ${i}`);
      }),
    );
    expect(home.request("U1")).toBe(true);
    expect(home.request("U1")).toBe(false);
    await new Promise((done) => setTimeout(done, 20));
    expect(log).toEqual([]);
    replies[1]?.open();
    await threads[1];
    replies[0]?.open();
    await Promise.all(threads);
    await queue.idle();
    expect(log).toEqual(["reply 1", "reply 0", "home U1"]);
    // Published: the next open queues a fresh refresh.
    expect(home.request("U1")).toBe(true);
    await queue.idle();
    expect(log).toEqual(["reply 1", "reply 0", "home U1", "home U1"]);
  });

  test("are published anyway once they waited their longest, and a failure is logged, not thrown", async () => {
    const queue = new KeyedQueue();
    const errors: string[] = [];
    const logger = pino({ level: "error" }, { write: (l: string) => void errors.push(l) });
    const stuck = gate();
    const busy = queue.run("slack:C1:1", () => stuck.wait);
    const published: string[] = [];
    const home = new HomeRefreshes({
      queue,
      publish: async (user) => {
        published.push(user);
        throw new Error("views.publish failed");
      },
      logger,
      busyThreads: 0,
      maxWaitMs: 30,
      pauseMs: 1,
    });
    home.request("U2");
    await queue.run("home:U2", async () => undefined);
    expect(published).toEqual(["U2"]);
    expect(errors.join("")).toContain("publishing App Home failed");
    stuck.open();
    await busy;
  });
});
