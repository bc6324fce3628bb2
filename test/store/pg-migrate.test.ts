import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratePg, pgSchemaVersion } from "../../src/store/postgres/migrate.js";
import { PG_MIGRATIONS } from "../../src/store/postgres/migrations.js";
import { openPgStore } from "../../src/store/postgres/open.js";
import { SchemaTooNewError } from "../../src/store/sqlite/migrate.js";
import {
  dropSchema,
  freshSchemaName,
  PG_URL,
  postgresAvailable,
} from "../helpers/store-backends.js";

const available = postgresAvailable("the migration tests");

describe.skipIf(!available)("opening the PostgreSQL store", () => {
  const schemas: string[] = [];
  let pool: pg.Pool;
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: PG_URL, max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    for (const schema of schemas) await dropSchema(schema);
  });

  /** A connection whose search_path is a new, empty schema. */
  async function inFreshSchema(): Promise<{ schema: string; client: pg.PoolClient }> {
    const schema = freshSchemaName();
    schemas.push(schema);
    const client = await pool.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`SET search_path = ${schema}`);
    return { schema, client };
  }

  it("creates the schema at the latest version; reopening (several replicas at once) applies nothing", async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const stores = await Promise.all(
      [1, 2, 3].map(() => openPgStore(PG_URL ?? "", { schema, poolSize: 1 })),
    );
    const { rows } = await pool.query(`SELECT version FROM ${schema}.schema_version`);
    expect(rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    for (const store of stores) await store.close();
  });

  it("refuses a database written by a newer build", async () => {
    const { schema, client } = await inFreshSchema();
    await migratePg(client, PG_MIGRATIONS);
    await client.query("INSERT INTO schema_version (version, name) VALUES (99, 'from the future')");
    client.release();
    await expect(openPgStore(PG_URL ?? "", { schema })).rejects.toThrow(SchemaTooNewError);
  });

  it("a failing migration leaves the database at the last complete version", async () => {
    const { client } = await inFreshSchema();
    const broken = [
      ...PG_MIGRATIONS,
      { version: 50, name: "half done", sql: "CREATE TABLE half (x int); SELECT no_such_column" },
    ];
    await expect(migratePg(client, broken)).rejects.toThrow();
    expect(await pgSchemaVersion(client)).toBe(PG_MIGRATIONS.at(-1)?.version);
    const half = await client.query("SELECT to_regclass('half') AS t");
    expect(half.rows[0].t).toBeNull();
    client.release();
  });
});
