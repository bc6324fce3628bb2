import type { InboxEntry } from "./inbox.js";

type Row = Record<string, unknown>;

/** An `inbox` row (SQLite or PostgreSQL) as an InboxEntry. */
export function inboxEntryFromRow(row: Row): InboxEntry {
  return {
    id: String(row.id),
    threadKey: String(row.thread_key),
    payload: String(row.payload),
    receivedAt: String(row.received_at),
    attempts: Number(row.attempts),
    lastError:
      row.last_error === null || row.last_error === undefined ? null : String(row.last_error),
  };
}
