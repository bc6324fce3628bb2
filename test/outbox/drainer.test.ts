import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Action } from "../../src/conversation/port.js";
import type { RedactedText } from "../../src/core/redact/types.js";
import type { TriageReport } from "../../src/core/report.js";
import type { FailureVerdict } from "../../src/outbox/delivery-failure.js";
import { createDrainer } from "../../src/outbox/drainer.js";
import type { OutboxEntry } from "../../src/store/outbox.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import type { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";

const KEY = "slack:C1:1.1";
const T0 = new Date("2026-05-01T12:00:00.000Z");

function reply(text: string): Action {
  return {
    type: "reply",
    threadKey: KEY,
    text: text as RedactedText,
    report: {} as TriageReport,
  };
}

async function commit(store: SqliteStore, eventId: string, version: number, actions: Action[]) {
  await store.commit({
    eventId,
    eventKind: "message",
    expectedVersion: version === 1 ? null : version - 1,
    thread: {
      key: KEY,
      platform: "slack",
      title: null,
      url: null,
      reporterId: "u1",
      reporterName: "ada",
      state: "awaiting_user",
      assignee: null,
      handoffReason: null,
      lowConfidenceRounds: 0,
      replyCount: 0,
      lastFingerprint: null,
      lastOutput: null,
      lastMitigations: [],
      lastUserAt: null,
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
      version,
    },
    actions: actions.map((a, i) => ({
      id: `${eventId}#${i}`,
      threadKey: KEY,
      eventId,
      type: a.type,
      reason: null,
      text: null,
      replaces: null,
      createdAt: T0.toISOString(),
      payload: { ...a, id: `${eventId}#${i}` },
      delivery: "outbox",
    })),
  });
}

describe("outbox drainer", () => {
  let store: SqliteStore;
  let now: Date;
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino({ level: "debug" }, { write: (l: string) => void logs.push(JSON.parse(l)) });
  const clock = () => now;

  beforeEach(() => {
    store = openSqliteStore(":memory:");
    now = T0;
    logs.length = 0;
  });
  afterEach(() => store.close());

  function drainer(deliver: (e: OutboxEntry) => Promise<string | null>, verdict: FailureVerdict) {
    return createDrainer({
      outbox: store.outbox,
      prefix: "slack:",
      deliver,
      classify: () => verdict,
      logger,
      clock,
      maxAttempts: 3,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      random: () => 0,
    });
  }

  it("waits at least the platform's Retry-After, then parks the action after the last try", async () => {
    await commit(store, "e1", 1, [reply("hello")]);
    let calls = 0;
    const d = drainer(
      async () => {
        calls += 1;
        throw new Error("ratelimited");
      },
      { retryAfterMs: 30_000, permanent: false, message: "ratelimited" },
    );
    await d.drain();
    const [waiting] = await store.outbox.pending("slack:", 5);
    expect(waiting?.nextAttemptAt).toBe(new Date(T0.getTime() + 30_000).toISOString());

    // Not due yet: nothing is sent.
    now = new Date(T0.getTime() + 29_000);
    await d.drain();
    expect(calls).toBe(1);

    now = new Date(T0.getTime() + 30_000);
    await d.drain();
    now = new Date(T0.getTime() + 61_000);
    await d.drain();
    expect(calls).toBe(3);
    expect(await store.outbox.pending("slack:", 5)).toEqual([]);
    expect(await store.outbox.deadLetters()).toMatchObject([{ id: "e1#0", attempts: 3 }]);
    expect(logs.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
      "delivery parked as dead: staff see it on /card and App Home",
    ]);
    await d.stop();
  });

  it("holds a thread's later actions behind one waiting for a retry, in order", async () => {
    await commit(store, "e1", 1, [reply("first")]);
    await commit(store, "e2", 2, [{ type: "state", threadKey: KEY, from: "new", to: "diagnosed" }]);
    const sent: string[] = [];
    let fail = true;
    const d = drainer(
      async (e) => {
        if (fail) throw new Error("internal_error");
        sent.push(e.id);
        return e.action.type === "reply" ? "1700000000.000100" : null;
      },
      { retryAfterMs: null, permanent: false, message: "internal_error" },
    );
    await d.drain();
    expect(sent).toEqual([]);
    fail = false;
    now = new Date(T0.getTime() + 60_000);
    await d.drain();
    expect(sent).toEqual(["e1#0", "e2#0"]);
    expect(await store.outbox.lastDeliveredReply(KEY)).toBe("1700000000.000100");
    await d.stop();
  });

  it("sends only the last of several unsent replies", async () => {
    await commit(store, "e1", 1, [reply("first")]);
    await commit(store, "e2", 2, [reply("second")]);
    const sent: string[] = [];
    const d = drainer(
      async (e) => {
        sent.push(e.action.type === "reply" ? e.action.text : e.id);
        return "ts";
      },
      { retryAfterMs: null, permanent: false, message: "" },
    );
    await d.drain();
    expect(sent).toEqual(["second"]);
    await d.stop();
  });

  it("records an action that calls no platform with one write, and still counts attempts for the rest", async () => {
    await commit(store, "e1", 1, [
      reply("hello"),
      { type: "state", threadKey: KEY, from: "new", to: "awaiting_user" },
    ]);
    const begun = vi.spyOn(store.outbox, "begin");
    const delivered = vi.spyOn(store.outbox, "delivered");
    const sent: string[] = [];
    const d = createDrainer({
      outbox: store.outbox,
      prefix: "slack:",
      deliver: async (e) => {
        sent.push(e.id);
        return e.action.type === "reply" ? "1700000000.000100" : null;
      },
      callsPlatform: (action) => action.type !== "state",
      classify: () => ({ retryAfterMs: null, permanent: false, message: "" }),
      logger,
      clock,
    });
    await d.drain();
    expect(sent).toEqual(["e1#0", "e1#1"]);
    expect(begun.mock.calls.map(([id]) => id)).toEqual(["e1#0"]);
    expect(delivered.mock.calls.map(([id]) => id)).toEqual(["e1#0", "e1#1"]);
    expect(await store.outbox.pending("slack:", 5)).toEqual([]);
    expect(await store.outbox.lastDeliveredReply(KEY)).toBe("1700000000.000100");
    await d.stop();
  });

  it("lets a reply committed during a pass go ahead of the rest of a backlog of nudges", async () => {
    const nudge: Action = {
      type: "notice",
      threadKey: KEY,
      reason: "nudge",
      text: "still stuck?" as RedactedText,
    };
    for (const [i, id] of ["timer:n1", "timer:n2", "timer:n3"].entries()) {
      await commit(store, id, i + 1, [nudge]);
    }
    const sent: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((done) => {
      release = done;
    });
    let started: () => void = () => undefined;
    const firstCall = new Promise<void>((done) => {
      started = done;
    });
    const d = drainer(
      async (e) => {
        if (sent.length === 0) {
          started();
          await held;
        }
        sent.push(e.id);
        return "ts";
      },
      { retryAfterMs: null, permanent: false, message: "" },
    );
    const backlog = d.drain();
    await firstCall;
    // A person's message is answered while the first nudge is being sent.
    await commit(store, "e4", 4, [reply("answer")]);
    const fresh = d.drain();
    release();
    await Promise.all([backlog, fresh]);
    expect(sent).toEqual(["timer:n1#0", "e4#0", "timer:n2#0", "timer:n3#0"]);
    await d.stop();
  });
});
