import { resolve } from "node:path";
import type { PgStore } from "./postgres/pg-store.js";
import { SchemaTooNewError } from "./sqlite/migrate.js";
import { openSqliteStore } from "./sqlite/open.js";
import { DatabaseOpenError } from "./sqlite/open-error.js";
import type { SqliteStore } from "./sqlite/sqlite-store.js";
import type { Store } from "./store.js";

/** Either store, with the issue ledger beside it in the same database. */
export type BotStore = SqliteStore | PgStore;

export interface StoreSettings {
  databasePath: string;
  databaseUrl: string | null;
  databaseSchema: string | null;
  /** PostgreSQL: how long a replica owns what it claimed (unset: the store's default). */
  claimLeaseSeconds?: number;
}

/** The store could not be opened: which setting to look at, and why, without its secrets. */
export class StoreOpenError extends Error {
  constructor(
    readonly setting: string,
    readonly reason: string,
  ) {
    super(`${setting}: ${reason}`);
    this.name = "StoreOpenError";
  }
}

/** postgres://user:secret@db:5432/bot → postgres://db:5432/bot: the password never reaches a log. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return "(unparseable URL)";
  }
}

/**
 * PostgreSQL when DATABASE_URL is set (pg is loaded only then), else the SQLite file at
 * DATABASE_PATH: `npm start` with nothing set is unchanged.
 */
export async function openConfiguredStore(
  settings: StoreSettings,
  options: { besideEngineThread?: boolean } = {},
): Promise<BotStore> {
  if (settings.databaseUrl) {
    const { openPgStore } = await import("./postgres/open.js");
    try {
      return await openPgStore(settings.databaseUrl, {
        ...(settings.databaseSchema ? { schema: settings.databaseSchema } : {}),
        ...(settings.claimLeaseSeconds ? { leaseMs: settings.claimLeaseSeconds * 1000 } : {}),
      });
    } catch (error) {
      const where = `DATABASE_URL=${describeDatabaseUrl(settings.databaseUrl)}`;
      throw new StoreOpenError(where, (error as Error).message);
    }
  }
  try {
    // Beside the engine thread, this thread's connection never blocks on the thread's writes.
    return openSqliteStore(resolve(settings.databasePath), {
      neverBlock: options.besideEngineThread === true,
    });
  } catch (error) {
    if (!(error instanceof DatabaseOpenError || error instanceof SchemaTooNewError)) throw error;
    const reason = error instanceof DatabaseOpenError ? error.reason : error.message;
    throw new StoreOpenError(`DATABASE_PATH=${settings.databasePath}`, reason);
  }
}

/** What /healthz says about the store: PostgreSQL is pinged, the SQLite file is always there. */
export async function storeHealth(store: Store): Promise<{ ok: boolean; detail: string }> {
  const ping = (store as Partial<Pick<PgStore, "ping">>).ping;
  if (typeof ping !== "function") return { ok: true, detail: "sqlite" };
  try {
    await ping.call(store);
    return { ok: true, detail: "postgres" };
  } catch (error) {
    return { ok: false, detail: `postgres: ${(error as Error).message}` };
  }
}
