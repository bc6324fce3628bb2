import type { Database, Statement, Transaction } from "better-sqlite3";
import type {
  OpenThreadRecord,
  ResolutionRecord,
  ThreadChange,
  ThreadSnapshot,
  TimerRecord,
} from "../records.js";
import { type CommitResult, type Store, StoreConflictError, type TimerPage } from "../store.js";
import { SqliteIssueLedger } from "./issue-ledger.js";
import {
  askedFromRow,
  handoffFromRow,
  messageFromRow,
  messageToParams,
  openThreadFromRow,
  resolutionFromRow,
  threadFromRow,
  threadToParams,
  timerFromRow,
} from "./rows.js";
import { SqliteInbox } from "./sqlite-inbox.js";
import { SqliteIncidentStore } from "./sqlite-incidents.js";
import { SqliteIssueWatch } from "./sqlite-issue-watch.js";
import { SqliteOutbox } from "./sqlite-outbox.js";
import { StatementCache } from "./statements.js";

type Row = Record<string, unknown>;

/** The draft JSON of a filed report says whether it was created or commented on. */
export function filedAction(draft: unknown): "created" | "commented" {
  try {
    const parsed = JSON.parse(String(draft)) as { filed?: { action?: string } } | null;
    return parsed?.filed?.action === "commented" ? "commented" : "created";
  } catch {
    return "created";
  }
}

const THREAD_COLUMNS =
  "key, platform, title, url, channel, reporter_id, reporter_name, state, assignee, handoff_reason, low_confidence_rounds, reply_count, last_fingerprint, last_output, last_mitigations, last_user_at, created_at, updated_at, version";
const THREAD_VALUES = THREAD_COLUMNS.split(", ")
  .map((c) => `@${c}`)
  .join(", ");
const THREAD_UPDATES = THREAD_COLUMNS.split(", ")
  .filter((c) => c !== "key")
  .map((c) => `${c} = excluded.${c}`)
  .join(", ");

/**
 * The one module that speaks SQL. better-sqlite3 is synchronous, so each method finishes before
 * it returns; the async signatures are the `Store` contract, not concurrency.
 */
export class SqliteStore implements Store {
  readonly outbox: SqliteOutbox;
  readonly inbox: SqliteInbox;
  /** One cache for the store, its outbox and its ledger: all SQL of the connection. */
  readonly statements: StatementCache;
  private readonly commitTransaction: Transaction<(change: ThreadChange) => CommitResult>;

  constructor(
    private readonly db: Database,
    /** Where the inbox's rows are: "acked.inbox" in its own file (inbox-file.ts), or "inbox". */
    inboxTable = "inbox",
  ) {
    this.statements = new StatementCache(db);
    this.outbox = new SqliteOutbox(db, this.statements);
    this.inbox = new SqliteInbox(this.statements, inboxTable);
    this.commitTransaction = db.transaction((change: ThreadChange) => this.apply(change));
  }

  /** The issue filing ledger in the same database (table `issue_ledger`). */
  issueLedger(): SqliteIssueLedger {
    return new SqliteIssueLedger(this.db, undefined, this.statements);
  }

  private sql(text: string): Statement {
    return this.statements.get(text);
  }

  /** Signature hits and incidents in the same database (migration 5). */
  incidents(): SqliteIncidentStore {
    return new SqliteIncidentStore(this.db, this.statements);
  }

  /** Filed and linked issues watched for a fix (migration 5). */
  issueWatch(): SqliteIssueWatch {
    return new SqliteIssueWatch(this.db, this.statements);
  }

  async hasEvent(eventId: string): Promise<boolean> {
    return this.sql("SELECT 1 FROM events WHERE event_id = ?").get(eventId) !== undefined;
  }

  async watches(threadKey: string): Promise<boolean> {
    return this.sql("SELECT 1 FROM threads WHERE key = ?").get(threadKey) !== undefined;
  }

  async openThreads(prefix: string, limit = 500): Promise<OpenThreadRecord[]> {
    const rows = this.sql(
      `SELECT key, title, url, state, assignee, coalesce(last_user_at, updated_at) AS last_activity
         FROM threads WHERE state NOT IN ('solved', 'closed_stale')
           AND key >= @prefix AND substr(key, 1, length(@prefix)) = @prefix
         ORDER BY last_activity DESC LIMIT @limit`,
    ).all({ prefix, limit }) as Row[];
    return rows.map(openThreadFromRow);
  }

  async loadThread(threadKey: string): Promise<ThreadSnapshot | null> {
    const row = this.sql("SELECT * FROM threads WHERE key = ?").get(threadKey) as Row | undefined;
    if (!row) return null;
    const all = (sql: string) => this.sql(sql).all(threadKey) as Row[];
    const one = (sql: string) => this.sql(sql).get(threadKey) as Row | undefined;
    const handoff = one(
      "SELECT * FROM handoffs WHERE thread_key = ? ORDER BY at DESC, rowid DESC LIMIT 1",
    );
    const sentId = (type: string) =>
      (
        this.sql(
          "SELECT platform_message_id AS id FROM actions WHERE thread_key = ? AND type = ? AND platform_message_id IS NOT NULL ORDER BY created_at DESC, rowid DESC LIMIT 1",
        ).get(threadKey, type) as Row | undefined
      )?.id ?? null;
    const filed = one(
      "SELECT url, issue_number, draft FROM issue_reports WHERE thread_key = ? AND status = 'filed' AND issue_number IS NOT NULL ORDER BY at DESC, rowid DESC LIMIT 1",
    );
    return {
      deadLetters: await this.outbox.deadLetters(threadKey),
      issueFiled: filed
        ? {
            number: Number(filed.issue_number),
            url: String(filed.url),
            action: filedAction(filed.draft),
          }
        : null,
      thread: threadFromRow(row),
      messages: all("SELECT * FROM messages WHERE thread_key = ? ORDER BY seq").map(messageFromRow),
      asked: all(
        "SELECT * FROM questions_asked WHERE thread_key = ? ORDER BY first_asked_at, rowid",
      ).map(askedFromRow),
      pendingTimers: all(
        "SELECT * FROM timers WHERE thread_key = ? AND fired_at IS NULL AND cancelled_at IS NULL ORDER BY due_at",
      ).map(timerFromRow),
      handoff: handoff ? handoffFromRow(handoff) : null,
      lastReplyMessageId: sentId("reply") as string | null,
      cardMessageId: sentId("handoff_card") as string | null,
    };
  }

  async commit(change: ThreadChange): Promise<CommitResult> {
    // A deferred BEGIN: apply() writes first (the event's row), so the write lock is taken before
    // any check reads, and two processes cannot both pass the checks. BEGIN IMMEDIATE would do
    // the same but lock every attached file too, the inbox's among them: the main thread's insert
    // of an event it is about to ack then waited for each decision's commit (one event in nine).
    return this.commitTransaction(change);
  }

  /** Its first statement is a write: commit() relies on it to take the write lock first. */
  private apply(change: ThreadChange): CommitResult {
    const at = change.thread.updatedAt;
    const inserted = this.sql(
      "INSERT OR IGNORE INTO events (event_id, thread_key, kind, received_at) VALUES (?, ?, ?, ?)",
    ).run(change.eventId, change.thread.key, change.eventKind, at);
    if (inserted.changes === 0) return "duplicate";
    const current = this.sql("SELECT version FROM threads WHERE key = ?").get(change.thread.key) as
      | Row
      | undefined;
    const actual = current ? Number(current.version) : null;
    if (actual !== change.expectedVersion) {
      throw new StoreConflictError(change.thread.key, change.expectedVersion, actual);
    }
    this.sql(
      `INSERT INTO threads (${THREAD_COLUMNS}) VALUES (${THREAD_VALUES}) ON CONFLICT(key) DO UPDATE SET ${THREAD_UPDATES}`,
    ).run(threadToParams(change.thread));
    if (change.message) {
      this.sql(
        `INSERT INTO messages (thread_key, message_id, seq, author_id, author_name, role, text, attachments, redactions, at, edited_at)
         VALUES (@thread_key, @message_id, @seq, @author_id, @author_name, @role, @text, @attachments, @redactions, @at, @edited_at)
         ON CONFLICT(thread_key, message_id) DO UPDATE SET text = excluded.text, attachments = excluded.attachments,
           redactions = excluded.redactions, edited_at = excluded.edited_at, role = excluded.role`,
      ).run(messageToParams(change.message));
    }
    if (change.verdict) this.saveVerdict(change);
    for (const q of change.asked ?? []) {
      this.sql(
        `INSERT INTO questions_asked (thread_key, question_id, label, first_asked_at, last_asked_at, times_asked, answered_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(thread_key, question_id) DO UPDATE SET label = excluded.label, last_asked_at = excluded.last_asked_at,
           times_asked = excluded.times_asked, answered_at = excluded.answered_at`,
      ).run(
        change.thread.key,
        q.questionId,
        q.label,
        q.firstAskedAt,
        q.lastAskedAt,
        q.timesAsked,
        q.answeredAt,
      );
    }
    this.saveTimers(change, at);
    for (const a of change.actions) {
      // An action with nothing to send again (no payload) or sent by the adapter itself is
      // never the drainer's: it is stored as history only.
      const status = a.payload && a.delivery !== "inline" ? "pending" : "inline";
      this.sql(
        "INSERT INTO actions (id, thread_key, event_id, type, reason, text, replaces, created_at, status, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ).run(
        a.id,
        a.threadKey,
        a.eventId,
        a.type,
        a.reason,
        a.text,
        a.replaces,
        a.createdAt,
        status,
        a.payload ? JSON.stringify(a.payload) : null,
      );
    }
    if (change.handoff) {
      const h = change.handoff;
      this.sql(
        `INSERT INTO handoffs (id, thread_key, at, reason, requested_by, assignee, card, released_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET assignee = excluded.assignee, card = excluded.card, released_at = excluded.released_at`,
      ).run(
        h.id,
        h.threadKey,
        h.at,
        h.reason,
        h.requestedBy,
        h.assignee,
        JSON.stringify(h.card),
        h.releasedAt,
      );
    }
    if (change.resolution) {
      const r = change.resolution;
      this.sql(
        "INSERT INTO resolutions (id, thread_key, at, by, mitigation_id, mitigation_title, note, error_class, provider, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ).run(
        r.id,
        r.threadKey,
        r.at,
        r.by,
        r.mitigationId,
        r.mitigationTitle,
        r.note,
        r.errorClass,
        r.provider,
        r.model,
      );
    }
    if (change.issueReport) {
      const i = change.issueReport;
      this.sql(
        "INSERT INTO issue_reports (id, thread_key, at, requested_by, status, report, url, fingerprint, draft, issue_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ).run(
        i.id,
        i.threadKey,
        i.at,
        i.requestedBy,
        i.status,
        JSON.stringify(i.report),
        i.url,
        i.fingerprint ?? null,
        i.draft === undefined ? null : JSON.stringify(i.draft),
        i.issueNumber ?? null,
      );
    }
    return "committed";
  }

  private saveVerdict(change: ThreadChange): void {
    const v = change.verdict;
    if (!v) return;
    this.sql(
      "INSERT INTO verdicts (thread_key, event_id, at, error_class, provider, model, confidence, fingerprint, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ).run(
      change.thread.key,
      v.eventId,
      v.at,
      v.report.errorClass,
      v.report.provider,
      v.report.model,
      v.report.confidence,
      v.fingerprint,
      JSON.stringify(v.report),
    );
    this.sql(
      "INSERT INTO facts (thread_key, facts, updated_at) VALUES (?, ?, ?) ON CONFLICT(thread_key) DO UPDATE SET facts = excluded.facts, updated_at = excluded.updated_at",
    ).run(change.thread.key, JSON.stringify(v.facts), v.at);
  }

  private saveTimers(change: ThreadChange, at: string): void {
    if (change.cancelTimers) {
      this.sql(
        "UPDATE timers SET cancelled_at = ? WHERE thread_key = ? AND fired_at IS NULL AND cancelled_at IS NULL",
      ).run(at, change.thread.key);
    }
    if (change.firedTimerId) {
      this.sql("UPDATE timers SET fired_at = ? WHERE id = ?").run(at, change.firedTimerId);
    }
    for (const t of change.addTimers ?? []) {
      this.sql(
        "INSERT INTO timers (id, thread_key, kind, due_at, created_at) VALUES (?, ?, ?, ?, ?)",
      ).run(t.id, t.threadKey, t.kind, t.dueAt, t.createdAt);
    }
  }

  async dueTimers(now: Date, page?: TimerPage): Promise<TimerRecord[]> {
    const pending = "SELECT * FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL";
    const order = "ORDER BY due_at, id LIMIT @limit";
    const params = { now: now.toISOString(), limit: page?.limit ?? -1 };
    const rows = (
      page?.after
        ? this.sql(`${pending} AND due_at <= @now AND (due_at, id) > (@dueAt, @id) ${order}`).all({
            ...params,
            ...page.after,
          })
        : this.sql(`${pending} AND due_at <= @now ${order}`).all(params)
    ) as Row[];
    return rows.map(timerFromRow);
  }

  async recordSent(actionId: string, platformMessageId: string, at: Date): Promise<boolean> {
    const result = this.sql(
      "UPDATE actions SET platform_message_id = ?, sent_at = ?, status = CASE status WHEN 'pending' THEN 'sent' ELSE status END WHERE id = ?",
    ).run(platformMessageId, at.toISOString(), actionId);
    return result.changes > 0;
  }

  async recordSentLatest(
    threadKey: string,
    type: string,
    platformMessageId: string,
    at: Date,
  ): Promise<boolean> {
    const row = this.sql(
      "SELECT id FROM actions WHERE thread_key = ? AND type = ? AND platform_message_id IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 1",
    ).get(threadKey, type) as Row | undefined;
    return row ? this.recordSent(String(row.id), platformMessageId, at) : false;
  }

  async resolutions(
    filter: { errorClass?: string; provider?: string } = {},
  ): Promise<ResolutionRecord[]> {
    const provider = filter.provider ?? null;
    // With a class the index on (error_class, provider) serves it; without one it is a listing.
    const rows = (
      filter.errorClass === undefined
        ? this.sql(
            "SELECT * FROM resolutions WHERE (@provider IS NULL OR provider = @provider) ORDER BY at",
          ).all({ provider })
        : this.sql(
            "SELECT * FROM resolutions WHERE error_class = @errorClass AND (@provider IS NULL OR provider = @provider) ORDER BY at",
          ).all({ errorClass: filter.errorClass, provider })
    ) as Row[];
    return rows.map(resolutionFromRow);
  }

  async getSetting<T>(key: string): Promise<T | null> {
    const row = this.sql("SELECT value FROM settings WHERE key = ?").get(key) as Row | undefined;
    return row ? (JSON.parse(String(row.value)) as T) : null;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    this.sql(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run(key, JSON.stringify(value));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
