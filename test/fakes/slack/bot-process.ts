/**
 * The Slack bot in a process of its own, for the kill tests: the real adapter, engine and SQLite
 * file (or, with DATABASE_URL, a PostgreSQL schema several such processes share, as replicas)
 * against the fake Slack, with one kill point armed (test/fakes/kill-points.ts). With
 * STALE_SECONDS the stale timers come due that many seconds apart and a scheduler fires them.
 * Prints `{"port":…}` once listening.
 */
import { pino } from "pino";
import { startSlack } from "../../../src/adapters/slack/index.js";
import { createConversation } from "../../../src/conversation/engine.js";
import { createScheduler } from "../../../src/conversation/scheduler.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { openPgStore } from "../../../src/store/postgres/open.js";
import { openSqliteStore } from "../../../src/store/sqlite/open.js";
import { armReceive, armStore, waitForArming } from "../kill-points.js";

const env = process.env;
const armed = await waitForArming();
const store = env.DATABASE_URL
  ? await openPgStore(env.DATABASE_URL, {
      schema: env.DATABASE_SCHEMA ?? "public",
      leaseMs: Number(env.CLAIM_LEASE_MS ?? 1500),
      poolSize: 4,
    })
  : openSqliteStore(env.DATABASE_PATH ?? "");
armStore(store, armed);
const staleHours = Number(env.STALE_SECONDS ?? 0) / 3600;
const policy = staleHours > 0 ? { nudgeAfterHours: staleHours, closeAfterHours: staleHours } : {};
const conversation = armReceive(createConversation({ store, kb: loadKnowledge(), policy }), armed);

const bot = await startSlack({
  config: {
    botToken: env.SLACK_BOT_TOKEN ?? "",
    signingSecret: env.SLACK_SIGNING_SECRET ?? "",
    appToken: null,
    apiUrl: env.SLACK_API_URL ?? "",
    channels: [env.SLACK_CHANNEL ?? ""],
    staffChannel: null,
    staffUsers: [],
    staffGroups: [],
    triageAll: false,
    maxFileBytes: 1024 * 1024,
    staleSoonHours: 20,
    port: 0,
    host: "127.0.0.1",
  },
  conversation,
  logger: pino({ level: "silent" }),
  clientOptions: { retryConfig: { retries: 0 } },
  drain: { baseDelayMs: 50, maxDelayMs: 200 },
});
const scheduler =
  staleHours > 0
    ? createScheduler({
        port: conversation,
        clock: () => new Date(),
        deliver: (actions) => bot.perform(actions),
        intervalMs: 200,
      })
    : null;
await scheduler?.start();
process.stdout.write(`${JSON.stringify({ port: bot.port })}\n`);
process.once("SIGTERM", () => {
  void Promise.resolve(scheduler?.stop())
    .then(() => bot.stop())
    .then(() => store.close())
    .finally(() => process.exit(0));
});
