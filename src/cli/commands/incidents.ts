import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { DEFAULT_DATABASE_PATH } from "../../config/config.js";
import { incidentList } from "../../conversation/incidents/messages.js";
import { openSqliteStore } from "../../store/sqlite/open.js";
import { type Command, UsageError } from "../io.js";
import { cliKnowledge } from "../knowledge.js";

interface IncidentsArgs {
  json: boolean;
  db: string;
  limit: number;
}

function parseArgs(args: string[]): IncidentsArgs {
  const parsed: IncidentsArgs = {
    json: false,
    db: process.env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH,
    limit: 20,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--json") parsed.json = true;
    else if (arg === "--db") parsed.db = args[++i] ?? "";
    else if (arg === "--limit") parsed.limit = Number(args[++i]);
    else
      throw new UsageError(
        `unexpected "${arg}" (usage: incidents [--json] [--db FILE] [--limit N])`,
      );
  }
  if (!parsed.db) throw new UsageError("--db needs a file");
  if (!Number.isInteger(parsed.limit) || parsed.limit <= 0)
    throw new UsageError("--limit must be a whole number above 0");
  return parsed;
}

/**
 * `incidents`: open and recent incidents from the bot's store (DATABASE_PATH or --db), the same
 * list staff get with /incidents. Read-only apart from migrating an older file.
 */
export const incidentsCommand: Command = async (args, io) => {
  const options = parseArgs(args);
  const path = resolve(options.db);
  if (!existsSync(path)) throw new UsageError(`no database at ${path} (set DATABASE_PATH or --db)`);
  const store = openSqliteStore(path);
  try {
    const incidents = store.incidents();
    const recent = await incidents.recent(options.limit);
    const rows = await Promise.all(
      recent.map(async (incident) => ({
        incident,
        threads: await incidents.threadsOf(incident.id),
      })),
    );
    if (options.json) {
      io.stdout.write(
        `${JSON.stringify({ incidents: rows.map((r) => ({ ...r.incident, threads: r.threads })) }, null, 2)}\n`,
      );
    } else {
      const list = incidentList(
        await cliKnowledge(),
        rows.map((r) => ({ incident: r.incident, threadCount: r.threads.length })),
      );
      io.stdout.write(`${list}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
};
