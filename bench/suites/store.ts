/**
 * `npm run bench -- store`: commits per second and commit latency (p50/p99) of the SQLite and the
 * PostgreSQL store, with one replica and with several, side by side. A commit is one event's
 * writes as the engine makes them (thread row, message, verdict, question, a timer, an outbox
 * reply). Replicas are store instances with their own connections in this process, each
 * committing to its own threads at once; PostgreSQL needs BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL) and uses a scratch schema it drops afterwards.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { FactSheet } from "../../src/core/facts.js";
import type { RedactedText } from "../../src/core/redact/types.js";
import type { TriageReport } from "../../src/core/report.js";
import { openPgStore } from "../../src/store/postgres/open.js";
import type { ThreadChange } from "../../src/store/records.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import type { Store } from "../../src/store/store.js";
import { threadRecord } from "../../test/helpers/thread-record.js";
import type { BenchSuite } from "../run.js";
import { fmtMs, percentile } from "../support/percentiles.js";

const COMMITS = 400;
const THREADS_PER_REPLICA = 20;
const PASTE = "openclaw 2026.2.24: ⚠️ API rate limit reached on google/gemini-2.5-flash. ".repeat(
  20,
);

function change(key: string, n: number): ThreadChange {
  const at = new Date(Date.UTC(2026, 4, 1, 12, 0, n)).toISOString();
  const thread = threadRecord(key, n + 1, at, {
    replyCount: n + 1,
    lastFingerprint: "f",
    lastMitigations: ["wait-for-reset"],
  });
  const eventId = `${key}:e${n}`;
  const report = { errorClass: "rpd", provider: "google", model: null, confidence: 0.9 };
  return {
    eventId,
    eventKind: "message",
    expectedVersion: n === 0 ? null : n,
    thread,
    message: {
      threadKey: key,
      messageId: `m${n}`,
      seq: n,
      authorId: "u1",
      authorName: "ada",
      role: "reporter",
      text: PASTE as RedactedText,
      attachments: [],
      redactions: [],
      at,
      editedAt: null,
    },
    verdict: {
      eventId,
      at,
      report: report as unknown as TriageReport,
      facts: {} as FactSheet,
      fingerprint: "f",
    },
    asked: [
      {
        questionId: "raw_error",
        label: "The raw provider error",
        firstAskedAt: at,
        lastAskedAt: at,
        timesAsked: 1,
        answeredAt: null,
      },
    ],
    cancelTimers: true,
    addTimers: [
      { id: `${eventId}:nudge`, threadKey: key, kind: "nudge", dueAt: at, createdAt: at },
    ],
    actions: [
      {
        id: `${eventId}#0`,
        threadKey: key,
        eventId,
        type: "reply",
        reason: null,
        text: PASTE as RedactedText,
        replaces: null,
        createdAt: at,
        payload: {
          type: "reply",
          threadKey: key,
          text: PASTE as RedactedText,
          report: report as unknown as TriageReport,
        },
      },
    ],
  };
}

/** Each replica commits COMMITS / replicas events round-robin over its own threads. */
async function measure(label: string, stores: Store[]): Promise<string> {
  const perReplica = Math.ceil(COMMITS / stores.length);
  const samples: number[] = [];
  const start = performance.now();
  await Promise.all(
    stores.map(async (store, r) => {
      for (let i = 0; i < perReplica; i++) {
        const thread = i % THREADS_PER_REPLICA;
        const key = `slack:C${r}:${thread}`;
        const t0 = performance.now();
        await store.commit(change(key, Math.floor(i / THREADS_PER_REPLICA)));
        samples.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const rate = Math.round(samples.length / seconds);
  return `${label.padEnd(24)} n=${String(samples.length).padEnd(4)} ${String(rate).padStart(6)} commits/s   p50 ${fmtMs(percentile(samples, 50)).padEnd(10)} p99 ${fmtMs(percentile(samples, 99))}`;
}

async function sqliteRuns(replicas: number[]): Promise<string[]> {
  const lines: string[] = [];
  for (const n of replicas) {
    const dir = mkdtempSync(join(tmpdir(), "rlt-bench-store-"));
    const stores = Array.from({ length: n }, () => openSqliteStore(join(dir, "bot.db")));
    lines.push(await measure(`SQLite, ${n} replica${n > 1 ? "s" : ""}`, stores));
    for (const s of stores) await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

async function postgresRuns(url: string, replicas: number[]): Promise<string[]> {
  const lines: string[] = [];
  for (const n of replicas) {
    const schema = `rlt_bench_${randomBytes(5).toString("hex")}`;
    const stores = [];
    for (let i = 0; i < n; i++) stores.push(await openPgStore(url, { schema, poolSize: 2 }));
    lines.push(await measure(`PostgreSQL, ${n} replica${n > 1 ? "s" : ""}`, stores));
    for (const s of stores) await s.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  }
  return lines;
}

export const suite: BenchSuite = {
  name: "store commits (SQLite and PostgreSQL, one and several replicas)",
  async run() {
    const replicas = [1, 4];
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    const lines = await sqliteRuns(replicas);
    if (url) lines.push(...(await postgresRuns(url, replicas)));
    else lines.push("PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://…)");
    return lines;
  },
};
