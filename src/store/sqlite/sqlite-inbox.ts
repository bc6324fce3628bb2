import { randomUUID } from "node:crypto";
import type { InboxEntry, InboxStore, NewInboxEntry } from "../inbox.js";
import { inboxEntryFromRow } from "../inbox-rows.js";
import type { StatementCache } from "./statements.js";

type Row = Record<string, unknown>;

/**
 * Events this process may take: not its own in flight, not waiting out a retry, not behind an
 * earlier event of the thread that waits out one. A claim of another owner is a dead process's:
 * one bot process serves an SQLite file (replicas share PostgreSQL), so what an earlier run held
 * when it died is taken at once on the next start. Taken twice, an event is still decided once:
 * the engine skips an event id it has committed.
 */
const take = (table: string) => `UPDATE ${table} SET claimed_by = @owner WHERE seq IN (
    SELECT i.seq FROM ${table} i
    WHERE (i.claimed_by IS NULL OR i.claimed_by <> @owner)
      AND substr(i.thread_key, 1, length(@prefix)) = @prefix
      AND (i.next_attempt_at IS NULL OR i.next_attempt_at <= @now)
      AND NOT EXISTS (SELECT 1 FROM ${table} o WHERE o.thread_key = i.thread_key AND o.seq < i.seq
        AND o.next_attempt_at > @now)
    ORDER BY i.seq LIMIT @limit)
  RETURNING *`;

/**
 * The inbox half of the SQLite store: one row per event acked but not decided, in the inbox's own
 * file (src/store/sqlite/inbox-file.ts) or, in memory, migration 8's table.
 */
export class SqliteInbox implements InboxStore {
  /** This connection's claims; a restart is a new owner, so the old one's rows come back. */
  private readonly owner = randomUUID();
  private readonly takeSql: string;

  constructor(
    private readonly statements: StatementCache,
    /** "acked.inbox" (its own file) or "inbox". */
    private readonly table = "inbox",
  ) {
    this.takeSql = take(table);
  }

  private sql(text: string) {
    return this.statements.get(text);
  }

  async record(entry: NewInboxEntry): Promise<boolean> {
    const result = this.sql(
      `INSERT INTO ${this.table} (id, thread_key, payload, received_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
    ).run(entry.id, entry.threadKey, entry.payload, entry.receivedAt.toISOString());
    return result.changes === 1;
  }

  async holdsThread(threadKey: string): Promise<boolean> {
    return (
      this.sql(`SELECT 1 FROM ${this.table} WHERE thread_key = ? LIMIT 1`).get(threadKey) !==
      undefined
    );
  }

  async take(prefix: string, limit: number, now: Date): Promise<InboxEntry[]> {
    const rows = this.sql(this.takeSql).all({
      owner: this.owner,
      prefix,
      now: now.toISOString(),
      limit,
    }) as Row[];
    // RETURNING gives no order: the thread's order is arrival order.
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(inboxEntryFromRow);
  }

  async done(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    this.sql(`DELETE FROM ${this.table} WHERE id IN (SELECT value FROM json_each(?))`).run(
      JSON.stringify(ids),
    );
  }

  async retryLater(id: string, error: string, notBefore: Date): Promise<void> {
    this.sql(
      `UPDATE ${this.table} SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, claimed_by = NULL WHERE id = ?`,
    ).run(error, notBefore.toISOString(), id);
  }

  async backlog(prefix: string): Promise<number> {
    const row = this.sql(
      `SELECT count(*) AS n FROM ${this.table} WHERE substr(thread_key, 1, length(?)) = ?`,
    ).get(prefix, prefix) as Row;
    return Number(row.n);
  }
}
