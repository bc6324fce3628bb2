import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedactedText } from "../../src/core/redact/types.js";
import type { TriageReport } from "../../src/core/report.js";
import type { HandoffCard } from "../../src/model/handoff-card.js";
import type { ThreadChange } from "../../src/store/records.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import type { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { awaitingThread } from "../helpers/seed-threads.js";

/** Tables that grow with every thread or event: reading one whole is a cost per event that grows. */
const GROWING = [
  "threads",
  "events",
  "messages",
  "facts",
  "verdicts",
  "questions_asked",
  "actions",
  "timers",
  "handoffs",
  "resolutions",
  "issue_reports",
];

/** Listings whose answer is the whole table by definition (not on any event's path). */
const WHOLE_TABLE_LISTINGS = [/^SELECT \* FROM resolutions WHERE \(@provider IS NULL/];

const AT = "2026-05-01T12:00:00.000Z";

/** One event that writes every kind of row the store knows. */
function everything(key: string, n: number, expectedVersion: number | null): ThreadChange {
  const eventId = `${key}:e${n}`;
  const report = { errorClass: "rpd", provider: "google", model: null, confidence: 0.9 };
  return {
    eventId,
    eventKind: "message",
    expectedVersion,
    thread: awaitingThread(key, AT, (expectedVersion ?? 0) + 1),
    message: {
      threadKey: key,
      messageId: `m${n}`,
      seq: n,
      authorId: "u1",
      authorName: "alice",
      role: "reporter",
      text: "429 RESOURCE_EXHAUSTED" as RedactedText,
      attachments: [],
      redactions: [],
      at: AT,
      editedAt: null,
    },
    verdict: {
      eventId,
      at: AT,
      report: report as unknown as TriageReport,
      facts: {} as never,
      fingerprint: "f",
    },
    asked: [
      {
        questionId: "raw_error",
        label: "The raw error",
        firstAskedAt: AT,
        lastAskedAt: AT,
        timesAsked: 1,
        answeredAt: null,
      },
    ],
    cancelTimers: true,
    addTimers: [
      { id: `${eventId}:nudge`, threadKey: key, kind: "nudge", dueAt: AT, createdAt: AT },
    ],
    ...(n > 0 ? { firedTimerId: `${key}:e${n - 1}:nudge` } : {}),
    actions: [
      {
        id: `${eventId}#0`,
        threadKey: key,
        eventId,
        type: "reply",
        reason: null,
        text: "reply" as RedactedText,
        replaces: null,
        createdAt: AT,
        payload: { type: "notice", threadKey: key, reason: "info", text: "reply" as RedactedText },
      },
    ],
    handoff: {
      id: `${eventId}:handoff`,
      threadKey: key,
      at: AT,
      reason: "requested",
      requestedBy: "alice",
      assignee: null,
      card: { threadKey: key } as HandoffCard,
      releasedAt: null,
    },
    resolution: {
      id: `${eventId}:solved`,
      threadKey: key,
      at: AT,
      by: "alice",
      mitigationId: null,
      mitigationTitle: null,
      note: null,
      errorClass: "rpd",
      provider: "google",
      model: null,
    },
    issueReport: {
      id: `${eventId}:issue`,
      threadKey: key,
      at: AT,
      requestedBy: "alice",
      status: "filed",
      report: report as unknown as TriageReport,
      url: "https://github.com/o/r/issues/1",
      issueNumber: 1,
    },
  };
}

/** Binds NULL to every parameter: the plan depends on the query's shape, not on the values. */
function nullParams(sql: string): unknown[] | Record<string, null> {
  const named = [...sql.matchAll(/@(\w+)/g)].map((m) => m[1] as string);
  if (named.length > 0) return Object.fromEntries(named.map((n) => [n, null]));
  return Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null);
}

describe("every query of the SQLite store", () => {
  const dir = mkdtempSync(join(tmpdir(), "rlt-plans-"));
  let store: SqliteStore;

  beforeAll(async () => {
    store = openSqliteStore(join(dir, "bot.db"));
    // Enough rows that the planner has something to choose between.
    for (let t = 0; t < 50; t++) {
      const key = `slack:C1:${t}`;
      for (let n = 0; n < 3; n++) await store.commit(everything(key, n, n === 0 ? null : n));
    }
    const key = "slack:C1:0";
    const now = new Date(AT);
    await store.hasEvent("x");
    await store.watches(key);
    await store.openThreads("slack:");
    await store.loadThread(key);
    await store.dueTimers(now);
    await store.recordSent(`${key}:e0#0`, "p1", now);
    await store.recordSentLatest(key, "reply", "p2", now);
    await store.resolutions();
    await store.resolutions({ errorClass: "rpd", provider: "google" });
    await store.setSetting("k", 1);
    await store.getSetting("k");
    const outbox = store.outbox;
    await outbox.pending("slack:", 10);
    await outbox.begin(`${key}:e1#0`, now);
    await outbox.delivered(`${key}:e1#0`, "p3", now);
    await outbox.retryLater(`${key}:e2#0`, "boom", now);
    await outbox.dead(`${key}:e2#0`, "boom", now);
    await outbox.superseded(`slack:C1:1:e0#0`, now);
    await outbox.lastDeliveredReply(key);
    await outbox.deadLetters();
    await outbox.deadLetters(key);
    const ledger = store.issueLedger();
    await ledger.put("req", { status: "pending" } as never);
    await ledger.get("req");
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is prepared once and reused", async () => {
    const before = store.statements.texts().length;
    await store.commit(everything("slack:C1:0", 3, 3));
    await store.loadThread("slack:C1:0");
    expect(store.statements.texts().length).toBe(before);
  });

  it("reads no growing table whole (EXPLAIN QUERY PLAN)", () => {
    const texts = store.statements.texts();
    // The workload above reaches every statement the store, its outbox and its ledger have.
    expect(texts.length).toBeGreaterThanOrEqual(35);
    const db = store.statements.db;
    // Walking a partial index reads only the rows it holds (pending, dead, open), not the table.
    const partial = new Set(
      (
        db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'")
          .all() as { name: string }[]
      ).map((r) => r.name),
    );
    const scans: string[] = [];
    for (const sql of texts) {
      if (WHOLE_TABLE_LISTINGS.some((r) => r.test(sql))) continue;
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(nullParams(sql)) as {
        detail: string;
      }[];
      for (const { detail } of plan) {
        const scan = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(detail);
        const table = scan?.[1];
        if (scan?.[2] && partial.has(scan[2])) continue;
        if (table && GROWING.includes(table)) scans.push(`${detail}  ←  ${sql}`);
      }
    }
    expect(scans).toEqual([]);
  });
});
