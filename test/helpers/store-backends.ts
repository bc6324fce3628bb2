/**
 * The store tests run once per backend: SQLite always, PostgreSQL when TEST_DATABASE_URL is set
 * (a fresh schema per store, dropped afterwards). Without it the PostgreSQL runs are skipped and
 * one line says so, never a silent pass.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, beforeEach } from "vitest";
import { openPgStore } from "../../src/store/postgres/open.js";
import type { PgStore, PgStoreOptions } from "../../src/store/postgres/pg-store.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import type { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";

export const PG_URL = process.env.TEST_DATABASE_URL;

let warned = false;
/** True when PostgreSQL tests can run; prints the skip line once per file otherwise. */
export function postgresAvailable(what: string): boolean {
  if (PG_URL) return true;
  if (!warned) process.stderr.write(`SKIPPED (no TEST_DATABASE_URL): ${what} on PostgreSQL\n`);
  warned = true;
  return false;
}

/** A schema name no other test file or run uses. */
export function freshSchemaName(): string {
  return `rlt_test_${randomBytes(6).toString("hex")}`;
}

export async function dropSchema(schema: string): Promise<void> {
  if (!PG_URL) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** One database a test opens (and reopens, as a restart does) and removes at the end. */
export interface TestDatabase {
  open(): Promise<SqliteStore | PgStore>;
  remove(): Promise<void>;
}

export interface Backend {
  name: "SQLite" | "PostgreSQL";
  available: boolean;
  database(options?: PgStoreOptions): TestDatabase;
}

const sqlite: Backend = {
  name: "SQLite",
  available: true,
  database() {
    const dir = mkdtempSync(join(tmpdir(), "rlt-store-"));
    return {
      open: async () => openSqliteStore(join(dir, "bot.db")),
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

const postgres: Backend = {
  name: "PostgreSQL",
  available: PG_URL !== undefined,
  database(options = {}) {
    const schema = freshSchemaName();
    return {
      // A lease of 0: one test store behaves as the only replica, and a reopen takes over at once.
      open: () => openPgStore(PG_URL ?? "", { schema, poolSize: 4, leaseMs: 0, ...options }),
      remove: () => dropSchema(schema),
    };
  },
};

export function storeBackends(what: string): Backend[] {
  postgresAvailable(what);
  return [sqlite, postgres];
}

/** A fresh database of `backend` opened before each test and removed after it. */
export function storeForEachTest(backend: Backend) {
  let db: TestDatabase | null = null;
  let store: SqliteStore | PgStore | null = null;
  beforeEach(async () => {
    db = backend.database();
    store = await db.open();
  });
  afterEach(async () => {
    await store?.close();
    await db?.remove();
  });
  return {
    get store(): SqliteStore | PgStore {
      if (!store) throw new Error("no store outside a test");
      return store;
    },
    /** Closes and opens the same database, as a restart does. */
    async reopen(): Promise<void> {
      await store?.close();
      store = (await db?.open()) ?? null;
    },
  };
}
