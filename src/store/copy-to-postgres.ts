import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { describeDatabaseUrl } from "./open-store.js";
import { openPgStore } from "./postgres/open.js";
import { inboxFilePath } from "./sqlite/inbox-file.js";
import { schemaVersion } from "./sqlite/migrate.js";
import { openSqliteStore } from "./sqlite/open.js";

/**
 * Every table of the bot's store, parents before the rows that reference them. The PostgreSQL
 * tables mirror the SQLite ones column for column, so rows are copied as they are; a table this
 * list does not name stops the copy rather than being left behind.
 */
export const STORE_TABLES = [
  "threads",
  "events",
  "messages",
  "facts",
  "verdicts",
  "questions_asked",
  "actions",
  "timers",
  "handoffs",
  "resolutions",
  "issue_reports",
  "settings",
  "issue_ledger",
  "signature_hits",
  "incidents",
  "incident_threads",
  "watched_issues",
  "inbox",
] as const;

/**
 * Verdicts are numbered by the database: the copy lets PostgreSQL number them (in the file's
 * order) and recognises one already copied by what it is about, so a second run, or a target
 * with verdicts of its own, neither duplicates nor collides.
 */
const NATURAL_KEYS: Partial<Record<string, { skip: string; match: string[] }>> = {
  verdicts: { skip: "id", match: ["thread_key", "event_id", "at", "fingerprint"] },
  // Arrival order is kept by copying in the file's order; the claim of the SQLite process is not
  // a lease PostgreSQL knows (no claimed_until), so the row is free for any replica.
  inbox: { skip: "seq", match: ["id"] },
};

/** A copy that cannot start or did not finish: nothing was written to the target. */
export class StoreCopyError extends Error {
  constructor(
    message: string,
    /** "usage": the input or the target's state; "database": PostgreSQL refused or failed. */
    readonly kind: "usage" | "database",
  ) {
    super(message);
    this.name = "StoreCopyError";
  }
}

export interface TableCopy {
  table: string;
  /** Rows in the SQLite file. */
  source: number;
  /** Rows written to PostgreSQL. */
  copied: number;
  /** Rows the target had already (a previous copy, or its own with the same key). */
  alreadyThere: number;
}

export interface CopyOptions {
  sqlitePath: string;
  url: string;
  /** The target schema (created when missing); the connection's search_path otherwise. */
  schema?: string;
  /** Copy into a target that already has rows: rows with a key already there are kept as they are. */
  force?: boolean;
}

export interface CopyResult {
  sourceVersion: number;
  tables: TableCopy[];
}

type Row = Record<string, unknown>;

/** PostgreSQL allows 65,535 parameters per statement; a batch stays well below. */
const MAX_PARAMS = 30_000;
const MAX_BATCH_ROWS = 500;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Copies every row of the SQLite store into the PostgreSQL store in one transaction: all of it,
 * or nothing when anything fails. Idempotent: a row whose key the target has is not copied
 * again. Without `force` a target that has any rows is refused. The file is read in one
 * snapshot; an older file is first brought up to this build's schema, as `npm start` would.
 */
export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyResult> {
  const { sqlitePath } = options;
  if (!existsSync(sqlitePath)) {
    throw new StoreCopyError(`no SQLite database at ${sqlitePath}`, "usage");
  }
  try {
    await openSqliteStore(sqlitePath).close();
  } catch (error) {
    throw new StoreCopyError(`${sqlitePath}: ${(error as Error).message}`, "usage");
  }
  const source = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    // The inbox has a file of its own (src/store/sqlite/inbox-file.ts), read in the same
    // transaction; attached with the source's read-only flags.
    source.prepare("ATTACH DATABASE ? AS acked").run(inboxFilePath(sqlitePath));
    checkTables(source);
    const target = await connectTarget(options);
    try {
      return await copyAll(source, target, options.force === true);
    } finally {
      await target.end();
    }
  } finally {
    source.close();
  }
}

function checkTables(source: Database.Database): void {
  const tables = (
    source
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as Array<{ name: string }>
  ).map((r) => r.name);
  const unknown = tables.filter((t) => !(STORE_TABLES as readonly string[]).includes(t));
  if (unknown.length > 0) {
    throw new StoreCopyError(
      `the file has tables this build cannot copy (${unknown.join(", ")}); upgrade ratelimit-triage`,
      "usage",
    );
  }
}

/** Migrates the target as a replica's start would, then one connection for the copy. */
async function connectTarget(options: CopyOptions): Promise<pg.Client> {
  const where = describeDatabaseUrl(options.url);
  try {
    const store = await openPgStore(options.url, {
      ...(options.schema ? { schema: options.schema } : {}),
      poolSize: 1,
    });
    await store.close();
    const client = new pg.Client({
      connectionString: options.url,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    client.on("error", () => undefined);
    await client.connect();
    return client;
  } catch (error) {
    throw new StoreCopyError(`${where}: ${(error as Error).message}`, "database");
  }
}

async function copyAll(
  source: Database.Database,
  target: pg.Client,
  force: boolean,
): Promise<CopyResult> {
  // One read transaction: a bot still writing the file cannot give the copy half an event.
  source.prepare("BEGIN").run();
  try {
    await target.query("BEGIN");
    try {
      if (!force) await refuseNonEmpty(target);
      const tables: TableCopy[] = [];
      for (const table of STORE_TABLES) tables.push(await copyTable(source, target, table));
      await target.query("COMMIT");
      return { sourceVersion: schemaVersion(source), tables };
    } catch (error) {
      await target.query("ROLLBACK").catch(() => undefined);
      if (error instanceof StoreCopyError) throw error;
      throw new StoreCopyError(
        `PostgreSQL refused the copy, nothing was written: ${(error as Error).message}`,
        "database",
      );
    }
  } finally {
    source.prepare("COMMIT").run();
  }
}

async function refuseNonEmpty(target: pg.Client): Promise<void> {
  const filled: string[] = [];
  for (const table of STORE_TABLES) {
    const { rows } = await target.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`);
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) filled.push(`${table} ${n}`);
  }
  if (filled.length > 0) {
    throw new StoreCopyError(
      `the PostgreSQL store is not empty (${filled.join(", ")}); copy into an empty database or schema, or pass --force to add only the rows it lacks`,
      "usage",
    );
  }
}

/** The target's column types, so every parameter is cast to its column's type. */
async function targetColumns(target: pg.Client, table: string): Promise<Map<string, string>> {
  const { rows } = await target.query<{ column_name: string; udt_name: string }>(
    `SELECT column_name, udt_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  return new Map(rows.map((r) => [r.column_name, r.udt_name]));
}

/** Tables read from an attached file instead of the database itself. */
const SOURCE_SCHEMA: Partial<Record<string, string>> = { inbox: "acked" };

async function copyTable(
  source: Database.Database,
  target: pg.Client,
  table: string,
): Promise<TableCopy> {
  const natural = NATURAL_KEYS[table];
  const types = await targetColumns(target, table);
  const schema = SOURCE_SCHEMA[table] ?? "main";
  const sourceColumns = (
    source.pragma(`${schema}.table_info(${quote(table)})`) as Array<{ name: string }>
  )
    .map((c) => c.name)
    .filter((c) => c !== natural?.skip);
  const missing = sourceColumns.filter((c) => !types.has(c));
  if (missing.length > 0) {
    throw new StoreCopyError(
      `${table}: the PostgreSQL table has no column ${missing.join(", ")}`,
      "database",
    );
  }
  const read = source.prepare(
    `SELECT rowid AS __ord, ${sourceColumns.map(quote).join(", ")} FROM ${schema}.${quote(table)} ORDER BY rowid`,
  );
  const batchRows = Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMS / (sourceColumns.length + 1)));
  const count: TableCopy = { table, source: 0, copied: 0, alreadyThere: 0 };
  let batch: Row[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const inserted = await insertBatch(target, table, sourceColumns, types, batch, natural?.match);
    count.copied += inserted;
    batch = [];
  };
  for (const row of read.iterate() as Iterable<Row>) {
    count.source += 1;
    batch.push(row);
    if (batch.length >= batchRows) await flush();
  }
  await flush();
  count.alreadyThere = count.source - count.copied;
  return count;
}

/**
 * One multi-row insert. Rows go in the file's order (`ORDER BY __ord`), so the identity columns
 * PostgreSQL uses to break ties number them as SQLite's rowid did.
 */
async function insertBatch(
  target: pg.Client,
  table: string,
  columns: string[],
  types: Map<string, string>,
  rows: Row[],
  match: string[] | undefined,
): Promise<number> {
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const cells = [`$${values.push(row.__ord)}::int8`];
    for (const column of columns) {
      cells.push(`$${values.push(row[column] ?? null)}::${types.get(column)}`);
    }
    return `(${cells.join(", ")})`;
  });
  const list = columns.map(quote).join(", ");
  const absent = match
    ? `WHERE NOT EXISTS (SELECT 1 FROM ${quote(table)} t WHERE ${match
        .map((c) => `t.${quote(c)} IS NOT DISTINCT FROM v.${quote(c)}`)
        .join(" AND ")})`
    : "";
  const result = await target.query(
    `INSERT INTO ${quote(table)} (${list})
     SELECT ${list} FROM (VALUES ${tuples.join(", ")}) AS v(__ord, ${list})
     ${absent} ORDER BY __ord
     ON CONFLICT DO NOTHING`,
    values,
  );
  return result.rowCount ?? 0;
}
