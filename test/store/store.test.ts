import { describe, expect, it } from "vitest";
import type { RedactedText } from "../../src/core/redact/types.js";
import type { ThreadChange, ThreadRecord } from "../../src/store/records.js";
import { StoreConflictError } from "../../src/store/store.js";
import { storeBackends, storeForEachTest } from "../helpers/store-backends.js";

const AT = "2026-05-01T12:00:00.000Z";

function thread(version: number, state: ThreadRecord["state"] = "awaiting_user"): ThreadRecord {
  return {
    key: "t1",
    platform: "console",
    title: "Gemini 429" as RedactedText,
    url: null,
    channel: "F0FORUM",
    reporterId: "u1",
    reporterName: "alice",
    state,
    assignee: null,
    handoffReason: null,
    lowConfidenceRounds: 0,
    replyCount: 1,
    lastFingerprint: "abc",
    lastOutput: "reply",
    lastMitigations: ["wait-for-reset"],
    lastUserAt: AT,
    createdAt: AT,
    updatedAt: AT,
    version,
  };
}

function firstChange(): ThreadChange {
  return {
    eventId: "e1",
    eventKind: "message",
    expectedVersion: null,
    thread: thread(1),
    message: {
      threadKey: "t1",
      messageId: "m1",
      seq: 0,
      authorId: "u1",
      authorName: "alice",
      role: "reporter",
      text: "429 with AIza…[redacted]" as RedactedText,
      attachments: [{ name: "log.txt", content: "line" as RedactedText }],
      redactions: [{ kind: "google-api-key", preview: "AIza…[redacted]" }],
      at: AT,
      editedAt: null,
    },
    asked: [
      {
        questionId: "raw_error",
        label: "The raw provider error",
        firstAskedAt: AT,
        lastAskedAt: AT,
        timesAsked: 1,
        answeredAt: null,
      },
    ],
    addTimers: [
      {
        id: "e1:nudge",
        threadKey: "t1",
        kind: "nudge",
        dueAt: "2026-05-02T12:00:00.000Z",
        createdAt: AT,
      },
    ],
    actions: [
      {
        id: "e1#0",
        threadKey: "t1",
        eventId: "e1",
        type: "reply",
        reason: null,
        text: "hello" as RedactedText,
        replaces: null,
        createdAt: AT,
      },
    ],
  };
}

describe.each(storeBackends("the store tests"))("the store on $name", (backend) => {
  if (!backend.available) return;

  const t = storeForEachTest(backend);

  it("commits an event's writes together and loads them back as a snapshot", async () => {
    expect(await t.store.commit(firstChange())).toBe("committed");
    expect(await t.store.hasEvent("e1")).toBe(true);
    const snap = await t.store.loadThread("t1");
    expect(snap?.thread).toEqual(thread(1));
    expect(snap?.messages[0]?.attachments).toEqual([{ name: "log.txt", content: "line" }]);
    expect(snap?.messages[0]?.redactions[0]?.kind).toBe("google-api-key");
    expect(snap?.asked[0]?.questionId).toBe("raw_error");
    expect(snap?.pendingTimers.map((t) => t.id)).toEqual(["e1:nudge"]);
    expect(snap?.lastReplyMessageId).toBeNull();
    expect(await t.store.recordSent("e1#0", "platform-1", new Date(AT))).toBe(true);
    expect((await t.store.loadThread("t1"))?.lastReplyMessageId).toBe("platform-1");
  });

  it("refuses a duplicate event without writing anything", async () => {
    await t.store.commit(firstChange());
    const again = { ...firstChange(), expectedVersion: 1, thread: thread(2, "solved") };
    expect(await t.store.commit(again)).toBe("duplicate");
    expect((await t.store.loadThread("t1"))?.thread.state).toBe("awaiting_user");
  });

  it("detects a concurrent writer by version and rolls the event back", async () => {
    await t.store.commit(firstChange());
    const stale: ThreadChange = {
      ...firstChange(),
      eventId: "e2",
      actions: [],
      expectedVersion: null,
    };
    await expect(t.store.commit(stale)).rejects.toThrow(StoreConflictError);
    expect(await t.store.hasEvent("e2")).toBe(false);
  });

  it("timers: due ones in order, cancel, fire", async () => {
    await t.store.commit(firstChange());
    expect(await t.store.dueTimers(new Date("2026-05-02T11:59:59Z"))).toEqual([]);
    expect((await t.store.dueTimers(new Date("2026-05-02T12:00:00Z"))).map((t) => t.id)).toEqual([
      "e1:nudge",
    ]);
    await t.store.commit({
      eventId: "timer:e1:nudge",
      eventKind: "timer",
      expectedVersion: 1,
      thread: thread(2),
      firedTimerId: "e1:nudge",
      addTimers: [
        {
          id: "x:close",
          threadKey: "t1",
          kind: "close",
          dueAt: "2026-05-04T12:00:00.000Z",
          createdAt: AT,
        },
      ],
      actions: [],
    });
    expect((await t.store.dueTimers(new Date("2026-06-01T00:00:00Z"))).map((t) => t.id)).toEqual([
      "x:close",
    ]);
    await t.store.commit({
      eventId: "e3",
      eventKind: "message",
      expectedVersion: 2,
      thread: thread(3),
      cancelTimers: true,
      actions: [],
    });
    expect(await t.store.dueTimers(new Date("2026-06-01T00:00:00Z"))).toEqual([]);
  });

  it("timers: paged by (due time, id), oldest first, after a cursor", async () => {
    const due = (id: string, dueAt: string) => ({
      id,
      threadKey: "t1",
      kind: "nudge" as const,
      dueAt,
      createdAt: AT,
    });
    await t.store.commit({
      ...firstChange(),
      addTimers: [
        due("b", "2026-05-02T12:00:00.000Z"),
        due("a", "2026-05-02T12:00:00.000Z"),
        due("c", "2026-05-02T11:00:00.000Z"),
        due("d", "2026-05-03T12:00:00.000Z"),
        due("not-yet", "2026-07-01T00:00:00.000Z"),
      ],
    });
    const now = new Date("2026-06-01T00:00:00Z");
    const ids = async (page?: Parameters<typeof t.store.dueTimers>[1]) =>
      (await t.store.dueTimers(now, page)).map((timer) => timer.id);
    expect(await ids()).toEqual(["c", "a", "b", "d"]);
    expect(await ids({ limit: 2 })).toEqual(["c", "a"]);
    expect(await ids({ limit: 2, after: { dueAt: "2026-05-02T12:00:00.000Z", id: "a" } })).toEqual([
      "b",
      "d",
    ]);
    expect(await ids({ limit: 2, after: { dueAt: "2026-05-03T12:00:00.000Z", id: "d" } })).toEqual(
      [],
    );
  });

  it("recordSentLatest finds the newest unsent action of a type", async () => {
    await t.store.commit(firstChange());
    expect(await t.store.recordSentLatest("t1", "reply", "p9", new Date(AT))).toBe(true);
    expect(await t.store.recordSentLatest("t1", "reply", "p10", new Date(AT))).toBe(false);
    expect((await t.store.loadThread("t1"))?.lastReplyMessageId).toBe("p9");
  });

  it("settings and resolutions", async () => {
    expect(await t.store.getSetting("x")).toBeNull();
    await t.store.setSetting("x", { a: 1 });
    await t.store.setSetting("x", { a: 2 });
    expect(await t.store.getSetting("x")).toEqual({ a: 2 });
    await t.store.commit({
      ...firstChange(),
      resolution: {
        id: "r1",
        threadKey: "t1",
        at: AT,
        by: "alice",
        mitigationId: "switch-model",
        mitigationTitle: "Switch to another model",
        note: "switching fixed it" as RedactedText,
        errorClass: "rpd",
        provider: "google",
        model: "gemini-2.5-flash",
      },
    });
    expect(
      (await t.store.resolutions({ errorClass: "rpd", provider: "google" })).map((r) => r.id),
    ).toEqual(["r1"]);
    expect(await t.store.resolutions({ errorClass: "tpm" })).toEqual([]);
  });
});
