import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { Action } from "../../src/conversation/port.js";
import type { RedactedText } from "../../src/core/redact/types.js";
import { createDrainer } from "../../src/outbox/drainer.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import type { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { threadRecord } from "../helpers/thread-record.js";

const AT = "2026-05-01T12:00:00.000Z";
let store: SqliteStore;
afterEach(() => store?.close());

/** Commits `count` notices in thread `key`, one event each. */
async function notices(key: string, count: number): Promise<void> {
  for (let n = 1; n <= count; n++) {
    const eventId = `${key}:e${n}`;
    // Notices: a later reply would stand for an unsent earlier one, a notice does not.
    const action: Action = {
      type: "notice",
      threadKey: key,
      reason: "info",
      text: `${key} notice ${n}` as RedactedText,
    };
    await store.commit({
      eventId,
      eventKind: "message",
      expectedVersion: n === 1 ? null : n - 1,
      thread: threadRecord(key, n, AT),
      actions: [
        {
          id: `${eventId}#0`,
          threadKey: key,
          eventId,
          type: "notice",
          reason: null,
          text: null,
          replaces: null,
          createdAt: AT,
          payload: { ...action, id: `${eventId}#0` },
          delivery: "outbox",
        },
      ],
    });
  }
}

describe("outbox drainer, several threads", () => {
  it("delivers several threads at once, each thread's actions one after another in order", async () => {
    store = openSqliteStore(":memory:");
    for (let t = 0; t < 6; t++) await notices(`slack:C1:${t}`, 3);
    let open = 0;
    let most = 0;
    const busyThreads = new Set<string>();
    const overlapInThread: string[] = [];
    const sent: string[] = [];
    const drainer = createDrainer({
      outbox: store.outbox,
      prefix: "slack:",
      logger: pino({ level: "silent" }),
      classify: () => ({ permanent: false, message: "?", retryAfterMs: null }),
      concurrency: 4,
      deliver: async (entry) => {
        const key = entry.threadKey;
        if (busyThreads.has(key)) overlapInThread.push(key);
        busyThreads.add(key);
        open++;
        most = Math.max(most, open);
        await new Promise((r) => setTimeout(r, 5));
        open--;
        busyThreads.delete(key);
        sent.push(entry.action.type === "notice" ? String(entry.action.text) : "?");
        return `ts-${sent.length}`;
      },
    });
    await drainer.drain();
    await drainer.stop();
    expect(most).toBe(4);
    expect(overlapInThread).toEqual([]);
    for (let t = 0; t < 6; t++) {
      const key = `slack:C1:${t}`;
      expect(sent.filter((s) => s.startsWith(`${key} `))).toEqual(
        [1, 2, 3].map((n) => `${key} notice ${n}`),
      );
    }
    expect(sent).toHaveLength(18);
  });
});
