import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/load-config.js";
import { openConfiguredStore } from "../../src/store/open-store.js";
import type { PgStore } from "../../src/store/postgres/pg-store.js";
import { ConsoleProcess } from "../adapters/console/support/console-process.js";
import {
  dropSchema,
  freshSchemaName,
  PG_URL,
  postgresAvailable,
} from "../helpers/store-backends.js";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("CLAIM_LEASE_SECONDS", () => {
  it("defaults to 2 minutes and takes seconds, fractions too", () => {
    expect(loadConfig({}).claimLeaseSeconds).toBe(120);
    expect(loadConfig({ CLAIM_LEASE_SECONDS: "30" }).claimLeaseSeconds).toBe(30);
    expect(loadConfig({ CLAIM_LEASE_SECONDS: " 1.5 " }).claimLeaseSeconds).toBe(1.5);
  });

  it("a value that is not a number of seconds, or out of range, is named", () => {
    expect(problems({ CLAIM_LEASE_SECONDS: "2m" })).toEqual([
      'CLAIM_LEASE_SECONDS: must be a number of seconds, e.g. 120 (got "2m")',
    ]);
    expect(problems({ CLAIM_LEASE_SECONDS: "0" })).toEqual([
      'CLAIM_LEASE_SECONDS: must be from 1 to 86400 seconds (got "0")',
    ]);
    expect(problems({ CLAIM_LEASE_SECONDS: "100000" })[0]).toMatch(/^CLAIM_LEASE_SECONDS: /);
  });

  it("npm start with a bad value exits 2 with that one line", async () => {
    const bot = new ConsoleProcess({ CLAIM_LEASE_SECONDS: "-5" });
    expect(await bot.end()).toBe(2);
    expect(bot.stderr).toContain(
      'CLAIM_LEASE_SECONDS: must be a number of seconds, e.g. 120 (got "-5")',
    );
    expect(bot.stderr).not.toMatch(/\n\s+at /);
  });

  const pg = postgresAvailable("CLAIM_LEASE_SECONDS reaching the store");
  describe.skipIf(!pg)("on PostgreSQL", () => {
    const schema = freshSchemaName();
    afterAll(() => dropSchema(schema));

    it("the store claims timers and outbox rows for the configured lease", async () => {
      const config = loadConfig({
        DATABASE_URL: PG_URL ?? "",
        DATABASE_SCHEMA: schema,
        CLAIM_LEASE_SECONDS: "7.5",
      });
      const store = (await openConfiguredStore(config)) as PgStore;
      try {
        expect(store.outbox.claimLeaseMs).toBe(7500);
      } finally {
        await store.close();
      }
    });
  });
});
