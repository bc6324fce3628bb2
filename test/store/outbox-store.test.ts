import { describe, expect, it } from "vitest";
import type { Action } from "../../src/conversation/port.js";
import type { RedactedText } from "../../src/core/redact/types.js";
import type { TriageReport } from "../../src/core/report.js";
import type { ActionRecord, ThreadChange, ThreadRecord } from "../../src/store/records.js";
import { storeBackends, storeForEachTest } from "../helpers/store-backends.js";
import { threadRecord } from "../helpers/thread-record.js";

const AT = "2026-05-01T12:00:00.000Z";
const KEY = "discord:100";

function thread(version: number): ThreadRecord {
  return threadRecord(KEY, version, AT, { platform: "discord", title: null });
}

function record(id: string, action: Action, delivery: ActionRecord["delivery"] = "outbox") {
  return {
    id,
    threadKey: KEY,
    eventId: id.split("#")[0] ?? id,
    type: action.type,
    reason: null,
    text: null,
    replaces: null,
    createdAt: AT,
    payload: { ...action, id },
    delivery,
  } satisfies ActionRecord;
}

const reply = (text: string): Action => ({
  type: "reply",
  threadKey: KEY,
  text: text as RedactedText,
  report: { errorClass: "unknown" } as TriageReport,
});

function change(eventId: string, version: number, actions: ActionRecord[]): ThreadChange {
  return {
    eventId,
    eventKind: "message",
    expectedVersion: version === 1 ? null : version - 1,
    thread: thread(version),
    actions,
  };
}

describe.each(storeBackends("the outbox tests"))("the outbox on $name", (backend) => {
  if (!backend.available) return;

  const t = storeForEachTest(backend);

  it("hands out what people's events produced before what timers fired, each in its own order", async () => {
    const other = "discord:200";
    const nudge = (key: string): Action => ({
      type: "notice",
      threadKey: key,
      reason: "nudge",
      text: "still stuck?" as RedactedText,
    });
    const otherReply: Action = {
      type: "reply",
      threadKey: other,
      text: "first" as RedactedText,
      report: { errorClass: "unknown" } as TriageReport,
    };
    // A backlog of nudges from the catch-up after downtime, then a reply for a new thread.
    await t.store.commit(change("timer:n1", 1, [record("timer:n1#0", nudge(KEY))]));
    await t.store.commit({
      eventId: "e9",
      eventKind: "message",
      expectedVersion: null,
      thread: threadRecord(other, 1, AT, { platform: "discord", title: null }),
      actions: [{ ...record("e9#0", otherReply), threadKey: other }],
    });
    await t.store.commit(change("timer:n2", 2, [record("timer:n2#0", nudge(KEY))]));
    const pending = await t.store.outbox.pending("discord:", 10);
    expect(pending.map((p) => p.id)).toEqual(["e9#0", "timer:n1#0", "timer:n2#0"]);
    expect(pending.map((p) => p.canWait)).toEqual([false, true, true]);
  });

  it("keeps committed actions pending with their whole payload; answers to one person are not its to send", async () => {
    const ephemeral: Action = {
      type: "ephemeral",
      threadKey: KEY,
      userId: "u1",
      text: "only you" as RedactedText,
    };
    await t.store.commit(
      change("e1", 1, [record("e1#0", reply("first")), record("e1#1", ephemeral, "inline")]),
    );
    const pending = await t.store.outbox.pending("discord:", 10);
    expect(pending.map((p) => p.id)).toEqual(["e1#0"]);
    expect(pending[0]?.action).toMatchObject({ type: "reply", text: "first", id: "e1#0" });
    expect(pending[0]).toMatchObject({ attempts: 0, inDoubt: false, supersededBy: null });
    expect(await t.store.outbox.pending("slack:", 10)).toEqual([]);
  });

  it("records a delivery with its platform id, which later edits and restarts find", async () => {
    await t.store.commit(change("e1", 1, [record("e1#0", reply("first"))]));
    await t.store.outbox.begin("e1#0", new Date(AT));
    await t.store.outbox.delivered("e1#0", "m-1", new Date(AT));
    expect(await t.store.outbox.pending("discord:", 10)).toEqual([]);
    expect(await t.store.outbox.lastDeliveredReply(KEY)).toBe("m-1");
    expect((await t.store.loadThread(KEY))?.lastReplyMessageId).toBe("m-1");
  });

  it("an attempt that never ended (a crash mid-call) is pending and in doubt after a reopen", async () => {
    await t.store.commit(change("e1", 1, [record("e1#0", reply("first"))]));
    await t.store.outbox.begin("e1#0", new Date(AT));
    await t.reopen();
    const [entry] = await t.store.outbox.pending("discord:", 10);
    expect(entry).toMatchObject({ id: "e1#0", attempts: 1, inDoubt: true });
  });

  it("an unsent reply names the later reply that stands for it", async () => {
    await t.store.commit(change("e1", 1, [record("e1#0", reply("first"))]));
    await t.store.commit(change("e2", 2, [record("e2#0", reply("second"))]));
    const pending = await t.store.outbox.pending("discord:", 10);
    expect(pending.map((p) => [p.id, p.supersededBy])).toEqual([
      ["e1#0", "e2#0"],
      ["e2#0", null],
    ]);
  });

  it("a retry waits, and a parked action becomes a dead letter for staff", async () => {
    await t.store.commit(change("e1", 1, [record("e1#0", reply("first"))]));
    await t.store.outbox.begin("e1#0", new Date(AT));
    await t.store.outbox.retryLater(
      "e1#0",
      "500: Internal Server Error",
      new Date("2026-05-01T12:05:00Z"),
    );
    expect((await t.store.outbox.pending("discord:", 10))[0]).toMatchObject({
      nextAttemptAt: "2026-05-01T12:05:00.000Z",
      lastError: "500: Internal Server Error",
      inDoubt: false,
    });
    await t.store.outbox.dead(
      "e1#0",
      "500: Internal Server Error",
      new Date("2026-05-01T13:00:00Z"),
    );
    expect(await t.store.outbox.pending("discord:", 10)).toEqual([]);
    const dead = await t.store.outbox.deadLetters(KEY);
    expect(dead).toEqual([
      {
        id: "e1#0",
        threadKey: KEY,
        type: "reply",
        attempts: 1,
        error: "500: Internal Server Error",
        createdAt: AT,
        deadAt: "2026-05-01T13:00:00.000Z",
      },
    ]);
    expect((await t.store.loadThread(KEY))?.deadLetters).toEqual(dead);
  });

  it("watches a thread once its first event is stored, and lists it while it is open", async () => {
    expect(await t.store.watches(KEY)).toBe(false);
    await t.store.commit(change("e1", 1, []));
    expect(await t.store.watches(KEY)).toBe(true);
    expect(await t.store.openThreads("discord:")).toEqual([
      {
        key: KEY,
        title: null,
        url: null,
        state: "awaiting_user",
        assignee: null,
        lastActivityAt: AT,
      },
    ]);
    expect(await t.store.openThreads("slack:")).toEqual([]);
    await t.store.commit({ ...change("e2", 2, []), thread: { ...thread(2), state: "solved" } });
    expect(await t.store.openThreads("discord:")).toEqual([]);
    expect(await t.store.watches(KEY)).toBe(true);
  });
});
