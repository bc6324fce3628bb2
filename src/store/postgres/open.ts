import pg from "pg";
import { migratePg } from "./migrate.js";
import { PG_MIGRATIONS } from "./migrations.js";
import { PgStore, type PgStoreOptions } from "./pg-store.js";

export interface OpenPgOptions extends PgStoreOptions {
  /** A schema other than `public` (created when missing): tests, or several bots on one database. */
  schema?: string;
  /** Connections per replica. */
  poolSize?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Connects to `DATABASE_URL` and migrates, as `openSqliteStore` does for a file. The schema
 * name becomes every connection's search_path, so the SQL never names it.
 */
export async function openPgStore(url: string, options: OpenPgOptions = {}): Promise<PgStore> {
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`schema name ${JSON.stringify(schema)}: lower-case letters, digits and _ only`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection the server dropped must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  try {
    const client = await pool.connect();
    try {
      if (schema) await createSchema(client, schema);
      await migratePg(client, PG_MIGRATIONS);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PgStore(pool, options);
}

/** Replicas starting together may race to create it: losing that race is fine. */
async function createSchema(client: pg.PoolClient, schema: string): Promise<void> {
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== "23505" && code !== "42P06") throw error;
  }
}
