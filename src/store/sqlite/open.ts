import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrate } from "./migrate.js";
import { MIGRATIONS } from "./migrations.js";
import { SqliteStore } from "./sqlite-store.js";

/**
 * Opens (creating the directory and file when missing) and migrates the SQLite database. WAL lets
 * readers run beside the writer and survives a killed process without losing committed events;
 * synchronous=NORMAL is WAL's documented safe pairing (durable across process crashes).
 */
export function openSqliteStore(path: string): SqliteStore {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    // A second process (a restarted bot while the old one drains) waits instead of failing.
    db.pragma("busy_timeout = 5000");
    migrate(db, MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteStore(db);
}
