import type pg from "pg";
import type { ThreadChange } from "../records.js";
import { messageToParams, threadToParams } from "../sqlite/rows.js";
import { type CommitResult, StoreConflictError } from "../store.js";
import { named } from "./named.js";

// The column names are the keys the row mapping writes, so the two lists cannot drift apart.
const THREAD_COLUMNS = Object.keys(threadToParams({} as never));
const THREAD_UPSERT = `INSERT INTO threads (${THREAD_COLUMNS.join(", ")}) VALUES (${THREAD_COLUMNS.map((c) => `@${c}`).join(", ")})
  ON CONFLICT(key) DO UPDATE SET ${THREAD_COLUMNS.filter((c) => c !== "key")
    .map((c) => `${c} = excluded.${c}`)
    .join(", ")}`;

/**
 * All writes of one event inside the caller's transaction, mirroring the SQLite store's `apply`.
 * The advisory lock on the thread's key (held until the transaction ends) serialises the checks
 * of every replica committing to that thread; other threads are not held up.
 */
export async function commitChange(
  client: pg.PoolClient,
  change: ThreadChange,
): Promise<CommitResult> {
  const run = (sql: string, params: Record<string, unknown>) => client.query(named(sql, params));
  const key = change.thread.key;
  const at = change.thread.updatedAt;
  await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key]);
  const inserted = await run(
    "INSERT INTO events (event_id, thread_key, kind, received_at) VALUES (@id, @key, @kind, @at) ON CONFLICT DO NOTHING",
    { id: change.eventId, key, kind: change.eventKind, at },
  );
  if (inserted.rowCount === 0) return "duplicate";
  const current = await client.query<{ version: number }>(
    "SELECT version FROM threads WHERE key = $1",
    [key],
  );
  const actual = current.rows[0] ? Number(current.rows[0].version) : null;
  if (actual !== change.expectedVersion) {
    throw new StoreConflictError(key, change.expectedVersion, actual);
  }
  await run(THREAD_UPSERT, threadToParams(change.thread));
  if (change.message) {
    await run(
      `INSERT INTO messages (thread_key, message_id, seq, author_id, author_name, role, text, attachments, redactions, at, edited_at)
       VALUES (@thread_key, @message_id, @seq, @author_id, @author_name, @role, @text, @attachments, @redactions, @at, @edited_at)
       ON CONFLICT(thread_key, message_id) DO UPDATE SET text = excluded.text, attachments = excluded.attachments,
         redactions = excluded.redactions, edited_at = excluded.edited_at, role = excluded.role`,
      messageToParams(change.message),
    );
  }
  const v = change.verdict;
  if (v) {
    await run(
      `INSERT INTO verdicts (thread_key, event_id, at, error_class, provider, model, confidence, fingerprint, report)
       VALUES (@key, @eventId, @at, @errorClass, @provider, @model, @confidence, @fingerprint, @report)`,
      {
        key,
        eventId: v.eventId,
        at: v.at,
        errorClass: v.report.errorClass,
        provider: v.report.provider,
        model: v.report.model,
        confidence: v.report.confidence,
        fingerprint: v.fingerprint,
        report: JSON.stringify(v.report),
      },
    );
    await run(
      "INSERT INTO facts (thread_key, facts, updated_at) VALUES (@key, @facts, @at) ON CONFLICT(thread_key) DO UPDATE SET facts = excluded.facts, updated_at = excluded.updated_at",
      { key, facts: JSON.stringify(v.facts), at: v.at },
    );
  }
  for (const q of change.asked ?? []) {
    await run(
      `INSERT INTO questions_asked (thread_key, question_id, label, first_asked_at, last_asked_at, times_asked, answered_at)
       VALUES (@key, @questionId, @label, @firstAskedAt, @lastAskedAt, @timesAsked, @answeredAt)
       ON CONFLICT(thread_key, question_id) DO UPDATE SET label = excluded.label, last_asked_at = excluded.last_asked_at,
         times_asked = excluded.times_asked, answered_at = excluded.answered_at`,
      { key, ...q },
    );
  }
  await saveTimers(run, change, at);
  for (const a of change.actions) {
    // As on SQLite: without a payload, or sent by the adapter itself, a row is history only.
    await run(
      `INSERT INTO actions (id, thread_key, event_id, type, reason, text, replaces, created_at, status, payload)
       VALUES (@id, @threadKey, @eventId, @type, @reason, @text, @replaces, @createdAt, @status, @payload)`,
      {
        id: a.id,
        threadKey: a.threadKey,
        eventId: a.eventId,
        type: a.type,
        reason: a.reason,
        text: a.text,
        replaces: a.replaces,
        createdAt: a.createdAt,
        status: a.payload && a.delivery !== "inline" ? "pending" : "inline",
        payload: a.payload ? JSON.stringify(a.payload) : null,
      },
    );
  }
  if (change.handoff) {
    const h = change.handoff;
    await run(
      `INSERT INTO handoffs (id, thread_key, at, reason, requested_by, assignee, card, released_at)
       VALUES (@id, @threadKey, @at, @reason, @requestedBy, @assignee, @card, @releasedAt)
       ON CONFLICT(id) DO UPDATE SET assignee = excluded.assignee, card = excluded.card, released_at = excluded.released_at`,
      { ...h, card: JSON.stringify(h.card) },
    );
  }
  if (change.resolution) {
    await run(
      `INSERT INTO resolutions (id, thread_key, at, by, mitigation_id, mitigation_title, note, error_class, provider, model)
       VALUES (@id, @threadKey, @at, @by, @mitigationId, @mitigationTitle, @note, @errorClass, @provider, @model)`,
      { ...change.resolution },
    );
  }
  if (change.issueReport) {
    const i = change.issueReport;
    await run(
      `INSERT INTO issue_reports (id, thread_key, at, requested_by, status, report, url, fingerprint, draft, issue_number)
       VALUES (@id, @threadKey, @at, @requestedBy, @status, @report, @url, @fingerprint, @draft, @issueNumber)`,
      {
        id: i.id,
        threadKey: i.threadKey,
        at: i.at,
        requestedBy: i.requestedBy,
        status: i.status,
        report: JSON.stringify(i.report),
        url: i.url,
        fingerprint: i.fingerprint ?? null,
        draft: i.draft === undefined ? null : JSON.stringify(i.draft),
        issueNumber: i.issueNumber ?? null,
      },
    );
  }
  return "committed";
}

type Run = (sql: string, params: Record<string, unknown>) => Promise<pg.QueryResult>;

async function saveTimers(run: Run, change: ThreadChange, at: string): Promise<void> {
  const key = change.thread.key;
  if (change.cancelTimers) {
    await run(
      "UPDATE timers SET cancelled_at = @at WHERE thread_key = @key AND fired_at IS NULL AND cancelled_at IS NULL",
      { at, key },
    );
  }
  if (change.firedTimerId) {
    await run("UPDATE timers SET fired_at = @at WHERE id = @id", { at, id: change.firedTimerId });
  }
  for (const t of change.addTimers ?? []) {
    await run(
      "INSERT INTO timers (id, thread_key, kind, due_at, created_at) VALUES (@id, @threadKey, @kind, @dueAt, @createdAt)",
      { ...t },
    );
  }
}
