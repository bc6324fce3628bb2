import type pg from "pg";
import { SchemaTooNewError } from "../sqlite/migrate.js";
import type { Migration } from "../sqlite/migrations.js";

/** Any constant: every replica starting at once queues on it, and one of them migrates. */
const MIGRATION_LOCK = 7_215_001;

export async function pgSchemaVersion(client: pg.PoolClient): Promise<number> {
  const { rows } = await client.query<{ version: number }>(
    "SELECT coalesce(max(version), 0)::int AS version FROM schema_version",
  );
  return rows[0]?.version ?? 0;
}

/**
 * Applies the migrations newer than `schema_version`, each in its own transaction with the
 * version row (PostgreSQL's DDL is transactional), so a failure leaves the last complete version.
 * A database written by a newer build is refused, as on SQLite.
 */
export async function migratePg(
  client: pg.PoolClient,
  migrations: readonly Migration[],
): Promise<number[]> {
  await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
  try {
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    );
    const current = await pgSchemaVersion(client);
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) throw new SchemaTooNewError(current, latest, "DATABASE_URL");
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query("INSERT INTO schema_version (version, name) VALUES ($1, $2)", [
          migration.version,
          migration.name,
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      applied.push(migration.version);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
  }
}
