import type { Database } from "better-sqlite3";
import type { Migration } from "./migrations.js";

/** The database was written by a newer build: refusing beats silently misreading it. */
export class SchemaTooNewError extends Error {
  constructor(found: number, known: number, setting = "DATABASE_PATH") {
    super(
      `the database has schema version ${found}, newer than this build knows (${known}); upgrade ratelimit-triage or point ${setting} elsewhere`,
    );
    this.name = "SchemaTooNewError";
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/**
 * Applies the migrations newer than the file's `user_version`, each in its own transaction with
 * the version bump, so a crash mid-way leaves the file at the last complete version.
 */
export function migrate(db: Database, migrations: readonly Migration[]): number[] {
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw new SchemaTooNewError(current, latest);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      // PRAGMA takes no bound parameters; the version is an integer from our own list.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
