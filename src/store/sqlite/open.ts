import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { attachInboxFile } from "./inbox-file.js";
import { migrate, SchemaTooNewError } from "./migrate.js";
import { MIGRATIONS } from "./migrations.js";
import { explainOpenError } from "./open-error.js";
import { SqliteStore } from "./sqlite-store.js";
import { yieldingOnBusy } from "./yield-on-busy.js";

/**
 * Opens (creating the directory and file when missing) and migrates the SQLite database. WAL lets
 * readers run beside the writer and survives a killed process without losing committed events;
 * synchronous=NORMAL is WAL's documented safe pairing (durable across process crashes).
 */
export interface SqliteOpenOptions {
  /**
   * For a thread that must not block while another thread writes the same file (the main thread
   * beside the engine thread): locked writes are retried on a timer (yield-on-busy.ts) instead of
   * waiting inside SQLite, and the other connection runs the WAL checkpoints, which fsync.
   */
  neverBlock?: boolean;
}

export function openSqliteStore(path: string, options: SqliteOpenOptions = {}): SqliteStore {
  let db: Database.Database;
  let inboxTable: string;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (error) {
    throw explainOpenError(error, path);
  }
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    // A second process (a restarted bot while the old one drains) waits instead of failing.
    db.pragma("busy_timeout = 5000");
    migrate(db, MIGRATIONS);
    inboxTable = attachInboxFile(db, path);
    if (options.neverBlock) {
      db.pragma("busy_timeout = 0");
      db.pragma("wal_autocheckpoint = 0");
    }
  } catch (error) {
    db.close();
    // A newer schema explains itself; file and permission trouble is described here.
    if (error instanceof SchemaTooNewError) throw error;
    throw explainOpenError(error, path);
  }
  const store = new SqliteStore(db, inboxTable);
  return options.neverBlock ? yieldingOnBusy(store) : store;
}
