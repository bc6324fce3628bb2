import type { Database } from "better-sqlite3";

/** The schema name the inbox's own file is attached under. */
const SCHEMA = "acked";

/** Where an inbox lives for a database at `path` (SQLite keeps its -wal and -shm files alike). */
export function inboxFilePath(path: string): string {
  return `${path}-inbox`;
}

/**
 * Puts the inbox in a file of its own beside the database (`<path>-inbox`, attached as `acked`)
 * and returns the table to use. SQLite locks a file, not a table: in one file, the main thread's
 * insert of an event it is about to ack waited whenever the engine thread committed a decision,
 * an outbox row or an incident hit (about a third of the time under load). In its own file it
 * waits only for the engine thread's short inbox writes (taking a batch, deleting a decided row).
 * An in-memory database keeps the inbox in the migrated `inbox` table (no second thread shares it).
 */
export function attachInboxFile(db: Database, path: string): string {
  if (path === ":memory:") return "inbox";
  db.prepare(`ATTACH DATABASE ? AS ${SCHEMA}`).run(inboxFilePath(path));
  db.pragma(`${SCHEMA}.journal_mode = WAL`);
  db.pragma(`${SCHEMA}.synchronous = NORMAL`);
  // Migration 8's table, as the database itself declares it: one definition for both files.
  const declared = db
    .prepare(
      "SELECT sql FROM main.sqlite_master WHERE type IN ('table', 'index') AND tbl_name = 'inbox' AND sql IS NOT NULL ORDER BY type DESC",
    )
    .all() as Array<{ sql: string }>;
  for (const { sql } of declared)
    db.exec(sql.replace(/^CREATE (TABLE|INDEX) (\w+)/, `CREATE $1 IF NOT EXISTS ${SCHEMA}.$2`));
  moveEarlierRows(db);
  return `${SCHEMA}.inbox`;
}

/**
 * Events an earlier version recorded in the database's own table move to the file once, in their
 * order. A crash between the copy and the delete copies nothing twice: ids are unique.
 */
function moveEarlierRows(db: Database): void {
  if (!db.prepare("SELECT 1 FROM main.inbox LIMIT 1").get()) return;
  const columns = "id, thread_key, payload, received_at, attempts, last_error, next_attempt_at";
  db.transaction(() => {
    db.exec(`INSERT OR IGNORE INTO ${SCHEMA}.inbox (${columns})
      SELECT ${columns} FROM main.inbox ORDER BY seq`);
    db.exec("DELETE FROM main.inbox");
  })();
}
