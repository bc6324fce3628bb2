import type { Migration } from "../sqlite/migrations.js";

/**
 * PostgreSQL schema versions, oldest first; `schema_version` holds the last one applied. The
 * tables mirror the SQLite ones column for column (timestamps stay ISO-8601 text, so both stores
 * compare and return them alike); `rid` stands in for SQLite's rowid where insertion order breaks
 * ties. A migration is never edited once released: add a new one instead.
 */
export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "the SQLite schema at version 4, plus claims for several replicas",
    sql: `
      CREATE TABLE threads (
        key TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        title TEXT,
        url TEXT,
        reporter_id TEXT NOT NULL,
        reporter_name TEXT NOT NULL,
        state TEXT NOT NULL,
        assignee TEXT,
        handoff_reason TEXT,
        low_confidence_rounds INTEGER NOT NULL DEFAULT 0,
        reply_count INTEGER NOT NULL DEFAULT 0,
        last_fingerprint TEXT,
        last_output TEXT,
        last_mitigations TEXT NOT NULL DEFAULT '[]',
        last_user_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL
      );
      CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        thread_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        received_at TEXT NOT NULL
      );
      CREATE TABLE messages (
        thread_key TEXT NOT NULL REFERENCES threads(key),
        message_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        role TEXT NOT NULL,
        text TEXT NOT NULL,
        attachments TEXT NOT NULL,
        redactions TEXT NOT NULL,
        at TEXT NOT NULL,
        edited_at TEXT,
        PRIMARY KEY (thread_key, message_id)
      );
      CREATE TABLE facts (
        thread_key TEXT PRIMARY KEY REFERENCES threads(key),
        facts TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE verdicts (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        thread_key TEXT NOT NULL REFERENCES threads(key),
        event_id TEXT NOT NULL,
        at TEXT NOT NULL,
        error_class TEXT NOT NULL,
        provider TEXT NOT NULL,
        model TEXT,
        confidence DOUBLE PRECISION NOT NULL,
        fingerprint TEXT NOT NULL,
        report TEXT NOT NULL
      );
      CREATE INDEX verdicts_thread ON verdicts(thread_key, id);
      CREATE TABLE questions_asked (
        rid BIGINT GENERATED ALWAYS AS IDENTITY,
        thread_key TEXT NOT NULL REFERENCES threads(key),
        question_id TEXT NOT NULL,
        label TEXT NOT NULL,
        first_asked_at TEXT NOT NULL,
        last_asked_at TEXT NOT NULL,
        times_asked INTEGER NOT NULL,
        answered_at TEXT,
        PRIMARY KEY (thread_key, question_id)
      );
      CREATE TABLE actions (
        rid BIGINT GENERATED ALWAYS AS IDENTITY,
        id TEXT PRIMARY KEY,
        thread_key TEXT NOT NULL REFERENCES threads(key),
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        reason TEXT,
        text TEXT,
        replaces TEXT,
        platform_message_id TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        status TEXT NOT NULL DEFAULT 'sent',
        payload TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        settled_at TEXT,
        in_flight_since TEXT,
        -- The replica draining this row and until when; another may take it after that.
        claimed_by TEXT,
        claimed_until TIMESTAMPTZ
      );
      CREATE INDEX actions_thread ON actions(thread_key, type, created_at);
      CREATE INDEX actions_pending ON actions(rid) WHERE status = 'pending';
      CREATE TABLE timers (
        rid BIGINT GENERATED ALWAYS AS IDENTITY,
        id TEXT PRIMARY KEY,
        thread_key TEXT NOT NULL REFERENCES threads(key),
        kind TEXT NOT NULL,
        due_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        fired_at TEXT,
        cancelled_at TEXT,
        claimed_by TEXT,
        claimed_until TIMESTAMPTZ
      );
      CREATE INDEX timers_due ON timers(due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL;
      CREATE TABLE handoffs (
        rid BIGINT GENERATED ALWAYS AS IDENTITY,
        id TEXT PRIMARY KEY,
        thread_key TEXT NOT NULL REFERENCES threads(key),
        at TEXT NOT NULL,
        reason TEXT NOT NULL,
        requested_by TEXT,
        assignee TEXT,
        card TEXT NOT NULL,
        released_at TEXT
      );
      CREATE INDEX handoffs_thread ON handoffs(thread_key, at);
      CREATE TABLE resolutions (
        id TEXT PRIMARY KEY,
        thread_key TEXT NOT NULL REFERENCES threads(key),
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        mitigation_id TEXT,
        mitigation_title TEXT,
        note TEXT,
        error_class TEXT NOT NULL,
        provider TEXT NOT NULL,
        model TEXT
      );
      CREATE INDEX resolutions_class ON resolutions(error_class, provider);
      CREATE TABLE issue_reports (
        rid BIGINT GENERATED ALWAYS AS IDENTITY,
        id TEXT PRIMARY KEY,
        thread_key TEXT NOT NULL REFERENCES threads(key),
        at TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        status TEXT NOT NULL,
        report TEXT NOT NULL,
        url TEXT,
        fingerprint TEXT,
        draft TEXT,
        issue_number INTEGER
      );
      CREATE INDEX issue_reports_thread ON issue_reports(thread_key, at);
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE issue_ledger (
        key TEXT PRIMARY KEY,
        record TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: "the indexes of SQLite version 5: pending timers by thread and by (due time, id), open threads, dead letters",
    sql: `
      -- Every message cancels its thread's pending timers; without this each event scanned them all.
      CREATE INDEX timers_thread_pending ON timers(thread_key)
        WHERE fired_at IS NULL AND cancelled_at IS NULL;
      CREATE INDEX threads_open ON threads(key) WHERE state NOT IN ('solved', 'closed_stale');
      CREATE INDEX actions_dead ON actions(settled_at, rid) WHERE status = 'dead';
      -- The scheduler pages through due timers by (due_at, id), compared bytewise as on SQLite
      -- whatever the database's collation.
      DROP INDEX timers_due;
      CREATE INDEX timers_due ON timers(due_at COLLATE "C", id COLLATE "C")
        WHERE fired_at IS NULL AND cancelled_at IS NULL;
    `,
  },
  {
    version: 3,
    name: "incidents (SQLite version 6): signature hits, incidents and their threads, watched issues",
    sql: `
      CREATE TABLE signature_hits (
        rid BIGINT GENERATED ALWAYS AS IDENTITY,
        signature_key TEXT NOT NULL,
        thread_key TEXT NOT NULL,
        reporter_key TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (signature_key, thread_key)
      );
      CREATE INDEX signature_hits_at ON signature_hits(signature_key, at);
      CREATE INDEX signature_hits_thread ON signature_hits(thread_key);
      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        signature_key TEXT NOT NULL,
        signature TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        last_hit_at TEXT NOT NULL,
        closed_at TEXT,
        reporters INTEGER NOT NULL,
        explanation TEXT NOT NULL,
        tracker TEXT
      );
      -- At most one open incident per signature, whichever replica opens it first.
      CREATE UNIQUE INDEX incidents_open ON incidents(signature_key) WHERE closed_at IS NULL;
      CREATE TABLE incident_threads (
        rid BIGINT GENERATED ALWAYS AS IDENTITY,
        incident_id TEXT NOT NULL REFERENCES incidents(id),
        thread_key TEXT NOT NULL,
        joined_at TEXT NOT NULL,
        PRIMARY KEY (incident_id, thread_key)
      );
      CREATE TABLE watched_issues (
        issue_number INTEGER PRIMARY KEY,
        url TEXT NOT NULL,
        closed_at TEXT,
        outcome TEXT,
        checked_at TEXT
      );
    `,
  },
  {
    version: 4,
    name: "threads: the channel a thread lives in (SQLite version 7)",
    sql: `
      -- A Discord thread's key is its own id: the forum or channel above it is kept beside it.
      ALTER TABLE threads ADD COLUMN channel TEXT;
    `,
  },
  {
    version: 5,
    name: "inbox: events acked before they are decided (SQLite version 8)",
    sql: `
      -- An event is recorded here and acked, then decided by whichever replica claims it; the row
      -- goes once the decision is committed (src/store/inbox.ts). seq keeps arrival order.
      CREATE TABLE inbox (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        thread_key TEXT NOT NULL,
        payload TEXT NOT NULL,
        received_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at TEXT,
        claimed_by TEXT,
        claimed_until TIMESTAMPTZ
      );
      CREATE INDEX inbox_thread ON inbox(thread_key, seq);
    `,
  },
];
