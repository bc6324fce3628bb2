import { randomUUID } from "node:crypto";
import type pg from "pg";
import type {
  OpenThreadRecord,
  ResolutionRecord,
  ThreadChange,
  ThreadSnapshot,
  TimerRecord,
} from "../records.js";
import {
  askedFromRow,
  handoffFromRow,
  messageFromRow,
  openThreadFromRow,
  resolutionFromRow,
  threadFromRow,
  timerFromRow,
} from "../sqlite/rows.js";
import { filedAction } from "../sqlite/sqlite-store.js";
import type { CommitResult, Store, TimerPage } from "../store.js";
import { named } from "./named.js";
import { commitChange } from "./pg-commit.js";
import { PgInbox } from "./pg-inbox.js";
import { PgIncidentStore } from "./pg-incidents.js";
import { PgIssueLedger } from "./pg-issue-ledger.js";
import { PgIssueWatch } from "./pg-issue-watch.js";
import { PgOutbox } from "./pg-outbox.js";

type Row = Record<string, unknown>;

export interface PgStoreOptions {
  /** How long a replica owns the timers and outbox rows it claimed before another may take them. */
  leaseMs?: number;
  /** This replica's name in claims; a random one by default. */
  owner?: string;
}

export const DEFAULT_LEASE_MS = 120_000;

/**
 * The store on PostgreSQL, for one or several replicas on one database. Each commit holds a
 * transaction-scoped advisory lock on its thread, so the idempotency and version checks of two
 * replicas never interleave; timers and outbox rows are claimed with a lease (`FOR UPDATE SKIP
 * LOCKED`), so each is worked on by one replica, and by another once a dead one's lease ran out.
 */
export class PgStore implements Store {
  readonly outbox: PgOutbox;
  readonly inbox: PgInbox;
  readonly owner: string;
  private readonly leaseMs: number;

  constructor(
    private readonly pool: pg.Pool,
    options: PgStoreOptions = {},
  ) {
    this.owner = options.owner ?? randomUUID();
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.outbox = new PgOutbox(pool, this.owner, this.leaseMs);
    this.inbox = new PgInbox(pool, this.owner, this.leaseMs);
  }

  issueLedger(): PgIssueLedger {
    return new PgIssueLedger(this.pool);
  }

  /** Signature hits and the incidents they open (migration 3). */
  incidents(): PgIncidentStore {
    return new PgIncidentStore(this.pool);
  }

  /** Filed and linked issues watched for a fix (migration 3). */
  issueWatch(): PgIssueWatch {
    return new PgIssueWatch(this.pool);
  }

  private async rows(sql: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return (await this.pool.query(named(sql, params))).rows as Row[];
  }

  private async one(sql: string, params: Record<string, unknown> = {}): Promise<Row | undefined> {
    return (await this.rows(sql, params))[0];
  }

  async hasEvent(eventId: string): Promise<boolean> {
    return (
      (await this.one("SELECT 1 FROM events WHERE event_id = @id", { id: eventId })) !== undefined
    );
  }

  async watches(threadKey: string): Promise<boolean> {
    return (
      (await this.one("SELECT 1 FROM threads WHERE key = @key", { key: threadKey })) !== undefined
    );
  }

  async openThreads(prefix: string, limit = 500): Promise<OpenThreadRecord[]> {
    const rows = await this.rows(
      `SELECT key, title, url, state, assignee, coalesce(last_user_at, updated_at) AS last_activity
       FROM threads WHERE state NOT IN ('solved', 'closed_stale')
         AND left(key, length(@prefix)) = @prefix
       ORDER BY last_activity DESC LIMIT @limit`,
      { prefix, limit },
    );
    return rows.map(openThreadFromRow);
  }

  async loadThread(threadKey: string): Promise<ThreadSnapshot | null> {
    const key = { key: threadKey };
    const row = await this.one("SELECT * FROM threads WHERE key = @key", key);
    if (!row) return null;
    const sentId = async (type: string) =>
      (
        await this.one(
          "SELECT platform_message_id AS id FROM actions WHERE thread_key = @key AND type = @type AND platform_message_id IS NOT NULL ORDER BY created_at DESC, rid DESC LIMIT 1",
          { key: threadKey, type },
        )
      )?.id ?? null;
    const [messages, asked, timers, handoff, filed, lastReply, card, deadLetters] =
      await Promise.all([
        this.rows("SELECT * FROM messages WHERE thread_key = @key ORDER BY seq", key),
        this.rows(
          "SELECT * FROM questions_asked WHERE thread_key = @key ORDER BY first_asked_at, rid",
          key,
        ),
        this.rows(
          "SELECT * FROM timers WHERE thread_key = @key AND fired_at IS NULL AND cancelled_at IS NULL ORDER BY due_at",
          key,
        ),
        this.one(
          "SELECT * FROM handoffs WHERE thread_key = @key ORDER BY at DESC, rid DESC LIMIT 1",
          key,
        ),
        this.one(
          "SELECT url, issue_number, draft FROM issue_reports WHERE thread_key = @key AND status = 'filed' AND issue_number IS NOT NULL ORDER BY at DESC, rid DESC LIMIT 1",
          key,
        ),
        sentId("reply"),
        sentId("handoff_card"),
        this.outbox.deadLetters(threadKey),
      ]);
    return {
      deadLetters,
      issueFiled: filed
        ? {
            number: Number(filed.issue_number),
            url: String(filed.url),
            action: filedAction(filed.draft),
          }
        : null,
      thread: threadFromRow(row),
      messages: messages.map(messageFromRow),
      asked: asked.map(askedFromRow),
      pendingTimers: timers.map(timerFromRow),
      handoff: handoff ? handoffFromRow(handoff) : null,
      lastReplyMessageId: lastReply as string | null,
      cardMessageId: card as string | null,
    };
  }

  async commit(change: ThreadChange): Promise<CommitResult> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      try {
        const result = await commitChange(client, change);
        await client.query(result === "duplicate" ? "ROLLBACK" : "COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    } finally {
      client.release();
    }
  }

  /**
   * Due timers, each claimed for this replica for one lease: a timer another live replica holds
   * is skipped (it is firing it), one whose holder died is taken over once the lease ran out.
   * Pages go by (due_at, id) compared bytewise, as on SQLite; only the page read is claimed, so a
   * replica never holds more timers than it is about to fire.
   */
  async dueTimers(now: Date, page?: TimerPage): Promise<TimerRecord[]> {
    const rows = await this.rows(
      `UPDATE timers t SET claimed_by = @owner,
         claimed_until = clock_timestamp() + make_interval(secs => @lease::double precision / 1000)
       FROM (SELECT id FROM timers
             WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at COLLATE "C" <= @now
               AND (@afterDue::text IS NULL
                    OR (due_at COLLATE "C", id COLLATE "C") > (@afterDue::text, @afterId::text))
               AND (claimed_until IS NULL OR claimed_until < clock_timestamp() OR claimed_by = @owner)
             ORDER BY due_at COLLATE "C", id COLLATE "C" LIMIT @limit FOR UPDATE SKIP LOCKED) due
       WHERE t.id = due.id RETURNING t.*`,
      {
        owner: this.owner,
        lease: this.leaseMs,
        now: now.toISOString(),
        afterDue: page?.after?.dueAt ?? null,
        afterId: page?.after?.id ?? null,
        limit: page?.limit ?? null,
      },
    );
    // RETURNING keeps no order; for ASCII ids and timestamps JavaScript's string order is "C"'s.
    const key = (row: Row) => [String(row.due_at), String(row.id)] as const;
    rows.sort((a, b) => {
      const [ad, ai] = key(a);
      const [bd, bi] = key(b);
      return ad < bd ? -1 : ad > bd ? 1 : ai < bi ? -1 : ai > bi ? 1 : 0;
    });
    return rows.map(timerFromRow);
  }

  async recordSent(actionId: string, platformMessageId: string, at: Date): Promise<boolean> {
    const result = await this.pool.query(
      named(
        "UPDATE actions SET platform_message_id = @pid, sent_at = @at, status = CASE status WHEN 'pending' THEN 'sent' ELSE status END WHERE id = @id",
        { pid: platformMessageId, at: at.toISOString(), id: actionId },
      ),
    );
    return (result.rowCount ?? 0) > 0;
  }

  async recordSentLatest(
    threadKey: string,
    type: string,
    platformMessageId: string,
    at: Date,
  ): Promise<boolean> {
    const row = await this.one(
      "SELECT id FROM actions WHERE thread_key = @key AND type = @type AND platform_message_id IS NULL ORDER BY created_at DESC, rid DESC LIMIT 1",
      { key: threadKey, type },
    );
    return row ? this.recordSent(String(row.id), platformMessageId, at) : false;
  }

  async resolutions(
    filter: { errorClass?: string; provider?: string } = {},
  ): Promise<ResolutionRecord[]> {
    const rows = await this.rows(
      "SELECT * FROM resolutions WHERE (@errorClass::text IS NULL OR error_class = @errorClass) AND (@provider::text IS NULL OR provider = @provider) ORDER BY at",
      { errorClass: filter.errorClass ?? null, provider: filter.provider ?? null },
    );
    return rows.map(resolutionFromRow);
  }

  async getSetting<T>(key: string): Promise<T | null> {
    const row = await this.one("SELECT value FROM settings WHERE key = @key", { key });
    return row ? (JSON.parse(String(row.value)) as T) : null;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.pool.query(
      "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      [key, JSON.stringify(value)],
    );
  }

  /** For /healthz: the database answers. */
  async ping(): Promise<void> {
    await this.pool.query("SELECT 1");
  }

  private closed = false;
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
