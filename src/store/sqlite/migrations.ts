/**
 * Schema versions, oldest first. `PRAGMA user_version` holds the number of the last one applied;
 * a migration is never edited once released: add a new one instead.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "threads, messages, verdicts, actions, timers, handoffs",
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
      -- Idempotency keys: platform message id + edit time, command ids, timer ids.
      CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        thread_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        received_at TEXT NOT NULL
      );
      -- Redacted text only.
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
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        thread_key TEXT NOT NULL REFERENCES threads(key),
        event_id TEXT NOT NULL,
        at TEXT NOT NULL,
        error_class TEXT NOT NULL,
        provider TEXT NOT NULL,
        model TEXT,
        confidence REAL NOT NULL,
        fingerprint TEXT NOT NULL,
        report TEXT NOT NULL
      );
      CREATE INDEX verdicts_thread ON verdicts(thread_key, id);
      CREATE TABLE questions_asked (
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
        id TEXT PRIMARY KEY,
        thread_key TEXT NOT NULL REFERENCES threads(key),
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        reason TEXT,
        text TEXT,
        replaces TEXT,
        platform_message_id TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT
      );
      CREATE INDEX actions_thread ON actions(thread_key, type, created_at);
      CREATE TABLE timers (
        id TEXT PRIMARY KEY,
        thread_key TEXT NOT NULL REFERENCES threads(key),
        kind TEXT NOT NULL,
        due_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        fired_at TEXT,
        cancelled_at TEXT
      );
      CREATE INDEX timers_due ON timers(due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL;
      CREATE TABLE handoffs (
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
    `,
  },
  {
    version: 2,
    name: "resolutions, issue reports, settings",
    sql: `
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
        id TEXT PRIMARY KEY,
        thread_key TEXT NOT NULL REFERENCES threads(key),
        at TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        status TEXT NOT NULL,
        report TEXT NOT NULL,
        url TEXT
      );
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: "issue ledger, issue report fingerprints",
    sql: `
      CREATE TABLE issue_ledger (
        key TEXT PRIMARY KEY,
        record TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      ALTER TABLE issue_reports ADD COLUMN fingerprint TEXT;
      ALTER TABLE issue_reports ADD COLUMN draft TEXT;
      ALTER TABLE issue_reports ADD COLUMN issue_number INTEGER;
      CREATE INDEX issue_reports_thread ON issue_reports(thread_key, at);
    `,
  },
  {
    version: 4,
    name: "outbox: every stored action carries what to send and how its delivery went",
    sql: `
      -- Rows written before the outbox were sent (or lost) by the old in-process path and carry
      -- nothing to send again: they start as 'sent'.
      ALTER TABLE actions ADD COLUMN status TEXT NOT NULL DEFAULT 'sent';
      ALTER TABLE actions ADD COLUMN payload TEXT;
      ALTER TABLE actions ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE actions ADD COLUMN next_attempt_at TEXT;
      ALTER TABLE actions ADD COLUMN last_error TEXT;
      ALTER TABLE actions ADD COLUMN settled_at TEXT;
      -- Set while a platform call is under way: still set after a restart means "maybe sent".
      ALTER TABLE actions ADD COLUMN in_flight_since TEXT;
      CREATE INDEX actions_pending ON actions(status) WHERE status = 'pending';
    `,
  },
  {
    version: 5,
    name: "indexes for every per-event query: pending timers by thread and by due time, open threads, dead letters",
    sql: `
      -- Every message cancels its thread's pending timers; without this each event scanned them all.
      CREATE INDEX timers_thread_pending ON timers(thread_key)
        WHERE fired_at IS NULL AND cancelled_at IS NULL;
      -- Staff lists (App Home, /open) read open threads only, however many are closed.
      CREATE INDEX threads_open ON threads(key) WHERE state NOT IN ('solved', 'closed_stale');
      CREATE INDEX actions_dead ON actions(settled_at) WHERE status = 'dead';
      -- The scheduler pages through due timers by (due_at, id) after downtime.
      DROP INDEX timers_due;
      CREATE INDEX timers_due ON timers(due_at, id) WHERE fired_at IS NULL AND cancelled_at IS NULL;
    `,
  },
  {
    version: 6,
    name: "incidents: signature hits, incidents and their threads, issues watched for a fix",
    sql: `
      -- One row per thread and signature: the first verdict of the thread with that signature.
      CREATE TABLE signature_hits (
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
      -- At most one open incident per signature, whichever process opens it first.
      CREATE UNIQUE INDEX incidents_open ON incidents(signature_key) WHERE closed_at IS NULL;
      CREATE TABLE incident_threads (
        incident_id TEXT NOT NULL REFERENCES incidents(id),
        thread_key TEXT NOT NULL,
        joined_at TEXT NOT NULL,
        PRIMARY KEY (incident_id, thread_key)
      );
      -- Issues the bot filed or linked, polled until closed; the fix reaches each thread once.
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
    version: 7,
    name: "threads: the channel a thread lives in (REPLY_LANGUAGE per channel on Discord)",
    sql: `
      -- A Discord thread's key is its own id: the forum or channel above it is kept beside it.
      ALTER TABLE threads ADD COLUMN channel TEXT;
    `,
  },
  {
    version: 8,
    name: "inbox: events acked before they are decided",
    sql: `
      -- An event is recorded here and acked, then decided; the row goes once the decision is
      -- committed (src/store/inbox.ts). seq keeps arrival order, the thread's order.
      CREATE TABLE inbox (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        thread_key TEXT NOT NULL,
        payload TEXT NOT NULL,
        received_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at TEXT,
        claimed_by TEXT
      );
      CREATE INDEX inbox_thread ON inbox(thread_key, seq);
    `,
  },
];
