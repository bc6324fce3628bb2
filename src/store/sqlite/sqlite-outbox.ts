import type { Database } from "better-sqlite3";
import type { DeadLetter, OutboxEntry, OutboxStore } from "../outbox.js";
import { deadLetterFromRow, outboxEntryFromRow } from "../outbox-rows.js";
import { StatementCache } from "./statements.js";

type Row = Record<string, unknown>;

const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * A later reply of the same thread that the outbox sends (not an answer to one person) makes an
 * unsent earlier one pointless: reading a thread's history yields one reply per message.
 */
const LATER_REPLY = `SELECT b.id FROM actions b WHERE a.type = 'reply' AND b.type = 'reply'
  AND b.thread_key = a.thread_key AND b.rowid > a.rowid AND b.status <> 'inline' LIMIT 1`;

/**
 * What timers fired (nudges, closes; a backlog of thousands after downtime) waits behind what
 * people's events produced: under load the replies go out first and the nudges are what lags.
 * A thread whose nudge is still unsent when its reporter writes gets the reply first.
 */
const TIMERS_LAST = "substr(a.event_id, 1, 6) = 'timer:'";

/** The outbox half of the SQLite store: the `actions` rows' delivery columns (migration 4). */
export class SqliteOutbox implements OutboxStore {
  private readonly statements: StatementCache;

  constructor(db: Database, statements?: StatementCache) {
    this.statements = statements ?? new StatementCache(db);
  }

  private sql(text: string) {
    return this.statements.get(text);
  }

  async pending(prefix: string, limit: number): Promise<OutboxEntry[]> {
    const rows = this.sql(
      // substr instead of LIKE: a thread key may contain % or _.
      `SELECT a.*, (${LATER_REPLY}) AS superseded_by FROM actions a
         WHERE a.status = 'pending' AND substr(a.thread_key, 1, length(@prefix)) = @prefix
         ORDER BY ${TIMERS_LAST}, a.rowid LIMIT @limit`,
    ).all({ prefix, limit }) as Row[];
    return rows.map(outboxEntryFromRow);
  }

  async begin(id: string, at: Date): Promise<void> {
    this.sql("UPDATE actions SET attempts = attempts + 1, in_flight_since = ? WHERE id = ?").run(
      at.toISOString(),
      id,
    );
  }

  async delivered(id: string, platformMessageId: string | null, at: Date): Promise<void> {
    this.sql(
      "UPDATE actions SET status = 'sent', platform_message_id = coalesce(?, platform_message_id), sent_at = ?, settled_at = ?, last_error = NULL, in_flight_since = NULL WHERE id = ?",
    ).run(platformMessageId, at.toISOString(), at.toISOString(), id);
  }

  async retryLater(id: string, error: string, notBefore: Date): Promise<void> {
    this.sql(
      "UPDATE actions SET next_attempt_at = ?, last_error = ?, in_flight_since = NULL WHERE id = ?",
    ).run(notBefore.toISOString(), error, id);
  }

  async dead(id: string, error: string, at: Date): Promise<void> {
    this.sql(
      "UPDATE actions SET status = 'dead', last_error = ?, settled_at = ?, next_attempt_at = NULL, in_flight_since = NULL WHERE id = ?",
    ).run(error, at.toISOString(), id);
  }

  async superseded(id: string, at: Date): Promise<void> {
    this.sql(
      "UPDATE actions SET status = 'superseded', settled_at = ?, in_flight_since = NULL WHERE id = ?",
    ).run(at.toISOString(), id);
  }

  async lastDeliveredReply(threadKey: string): Promise<string | null> {
    const row = this.sql(
      "SELECT platform_message_id AS id FROM actions WHERE thread_key = ? AND type = 'reply' AND status = 'sent' AND platform_message_id IS NOT NULL ORDER BY rowid DESC LIMIT 1",
    ).get(threadKey) as Row | undefined;
    return strOrNull(row?.id);
  }

  async deadLetters(threadKey?: string, limit = 20): Promise<DeadLetter[]> {
    // Two texts, not "(@key IS NULL OR thread_key = @key)": with the OR no index can serve it.
    const rows = (
      threadKey === undefined
        ? this.sql(
            "SELECT * FROM actions WHERE status = 'dead' ORDER BY settled_at DESC, rowid DESC LIMIT @limit",
          ).all({ limit })
        : this.sql(
            "SELECT * FROM actions WHERE thread_key = @key AND status = 'dead' ORDER BY settled_at DESC, rowid DESC LIMIT @limit",
          ).all({ key: threadKey, limit })
    ) as Row[];
    return rows.map(deadLetterFromRow);
  }
}
