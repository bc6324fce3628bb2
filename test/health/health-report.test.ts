import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type HealthReport, startHealthServer } from "../../src/health/health-report.js";
import { storeHealth } from "../../src/store/open-store.js";
import { openPgStore } from "../../src/store/postgres/open.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import {
  dropSchema,
  freshSchemaName,
  PG_URL,
  postgresAvailable,
} from "../helpers/store-backends.js";

const dir = mkdtempSync(join(tmpdir(), "rlt-healthz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function healthz(report: () => Promise<HealthReport>) {
  const server = await startHealthServer(report, "127.0.0.1", 0);
  try {
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    return { status: res.status, body: (await res.json()) as HealthReport };
  } finally {
    await server.close();
  }
}

describe("GET /healthz without Slack's receiver", () => {
  it("answers 200 with the store and platforms when all is well, 503 while draining", async () => {
    const store = openSqliteStore(join(dir, "bot.db"));
    const report = (draining: boolean) => async (): Promise<HealthReport> => ({
      ok: !draining,
      store: await storeHealth(store),
      platforms: { discord: { ok: true, detail: "running" } },
      draining,
    });
    expect(await healthz(report(false))).toEqual({
      status: 200,
      body: {
        ok: true,
        store: { ok: true, detail: "sqlite" },
        platforms: { discord: { ok: true, detail: "running" } },
        draining: false,
      },
    });
    expect((await healthz(report(true))).status).toBe(503);
    await store.close();
  });

  it.skipIf(!postgresAvailable("the /healthz PostgreSQL check"))(
    "pings PostgreSQL, and says so when it does not answer",
    async () => {
      const schema = freshSchemaName();
      const store = await openPgStore(PG_URL ?? "", { schema });
      expect(await storeHealth(store)).toEqual({ ok: true, detail: "postgres" });
      await store.close();
      const down = await storeHealth(store);
      expect(down.ok).toBe(false);
      expect(down.detail).toMatch(/^postgres: /);
      await dropSchema(schema);
    },
  );
});
