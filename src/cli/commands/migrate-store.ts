import { resolve } from "node:path";
import { DEFAULT_DATABASE_PATH } from "../../config/config.js";
import {
  type CopyResult,
  copySqliteToPostgres,
  StoreCopyError,
} from "../../store/copy-to-postgres.js";
import { describeDatabaseUrl } from "../../store/open-store.js";
import { type CliIo, type Command, UsageError } from "../io.js";

interface MigrateArgs {
  from: string;
  to: string;
  schema: string | undefined;
  force: boolean;
  json: boolean;
}

const USAGE =
  "usage: migrate-store [--from FILE] [--to postgres://…] [--schema NAME] [--force] [--json]";
const POSTGRES_URL = /^postgres(ql)?:\/\//;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

function parseArgs(args: string[]): MigrateArgs {
  const env = process.env;
  const parsed: MigrateArgs = {
    from: env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH,
    to: env.DATABASE_URL?.trim() ?? "",
    schema: env.DATABASE_SCHEMA?.trim() || undefined,
    force: false,
    json: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--from") parsed.from = args[++i] ?? "";
    else if (arg === "--to") parsed.to = args[++i] ?? "";
    else if (arg === "--schema") parsed.schema = args[++i] ?? "";
    else if (arg === "--force") parsed.force = true;
    else if (arg === "--json") parsed.json = true;
    else throw new UsageError(`unexpected "${arg}" (${USAGE})`);
  }
  if (!parsed.from) throw new UsageError("--from needs the SQLite file");
  if (!parsed.to) throw new UsageError("--to needs a postgres:// URL (or set DATABASE_URL)");
  // The URL may carry a password: it is never echoed.
  if (!POSTGRES_URL.test(parsed.to))
    throw new UsageError("--to must be a postgres:// (or postgresql://) URL");
  if (parsed.schema !== undefined && !SCHEMA_NAME.test(parsed.schema))
    throw new UsageError("--schema must be a schema name: lower-case letters, digits, _");
  return parsed;
}

function printReport(io: CliIo, options: MigrateArgs, from: string, result: CopyResult): void {
  const copied = result.tables.reduce((n, t) => n + t.copied, 0);
  const alreadyThere = result.tables.reduce((n, t) => n + t.alreadyThere, 0);
  const to = describeDatabaseUrl(options.to);
  if (options.json) {
    const report = { from, to, schema: options.schema ?? null, ...result, copied, alreadyThere };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const width = Math.max(...result.tables.map((t) => t.table.length));
  const lines = result.tables.map(
    (t) =>
      `  ${t.table.padEnd(width)}  ${String(t.copied).padStart(7)} copied${
        t.alreadyThere > 0 ? `, ${t.alreadyThere} already there` : ""
      }`,
  );
  io.stdout.write(
    [
      `Copied ${from} (schema version ${result.sourceVersion}) to ${to}${
        options.schema ? ` (schema ${options.schema})` : ""
      }:`,
      ...lines,
      `  ${"total".padEnd(width)}  ${String(copied).padStart(7)} copied, ${alreadyThere} already there`,
      "",
    ].join("\n"),
  );
}

/**
 * `migrate-store`: copies the SQLite store (DATABASE_PATH or --from) into PostgreSQL
 * (DATABASE_URL or --to), every table, in one transaction. Stop the bot first.
 */
export const migrateStoreCommand: Command = async (args, io) => {
  const options = parseArgs(args);
  const from = resolve(options.from);
  try {
    const result = await copySqliteToPostgres({
      sqlitePath: from,
      url: options.to,
      ...(options.schema ? { schema: options.schema } : {}),
      force: options.force,
    });
    printReport(io, options, options.from, result);
    return 0;
  } catch (error) {
    if (!(error instanceof StoreCopyError)) throw error;
    if (error.kind === "usage") throw new UsageError(error.message);
    io.stderr.write(`ratelimit-triage migrate-store: ${error.message}\n`);
    return 1;
  }
};
