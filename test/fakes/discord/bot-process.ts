/**
 * The Discord bot in a process of its own, for the kill tests: the real adapter (discord.js),
 * engine and SQLite file against the fake Discord, configured by the DISCORD_* variables as in
 * production (DISCORD_SHARD_COUNT and DISCORD_SHARDS too), with one kill point armed
 * (test/fakes/kill-points.ts). With DATABASE_URL, a PostgreSQL schema several such processes
 * share, as replicas (or shards) of one bot. With STALE_SECONDS the stale timers come due that
 * many seconds apart and a scheduler fires them. Prints `{"ready":true}` once
 * the gateway is ready and the start-up catch-up and drain are done.
 */
import { pino } from "pino";
import { loadDiscordConfig, startDiscord } from "../../../src/adapters/discord/index.js";
import { createConversation } from "../../../src/conversation/engine.js";
import { createScheduler } from "../../../src/conversation/scheduler.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { openPgStore } from "../../../src/store/postgres/open.js";
import { openSqliteStore } from "../../../src/store/sqlite/open.js";
import { armReceive, armStore, waitForArming } from "../kill-points.js";
import { warmUp } from "../warm-up.js";

const config = loadDiscordConfig();
if (!config) throw new Error("DISCORD_TOKEN is not set");
// Loaded and exercised before the go-ahead: the slow part of a start, done while warm.
const kb = loadKnowledge();
await warmUp(kb);
const armed = await waitForArming();
const env = process.env;
const store = env.DATABASE_URL
  ? await openPgStore(env.DATABASE_URL, {
      schema: env.DATABASE_SCHEMA ?? "public",
      leaseMs: Number(env.CLAIM_LEASE_MS ?? 1500),
      poolSize: 4,
    })
  : openSqliteStore(env.DATABASE_PATH ?? "");
armStore(store, armed);
// STALE_SECONDS: stale timers come due that many seconds apart, and a scheduler fires them.
const staleHours = Number(env.STALE_SECONDS ?? 0) / 3600;
const policy = staleHours > 0 ? { nudgeAfterHours: staleHours, closeAfterHours: staleHours } : {};
const conversation = armReceive(createConversation({ store, kb, policy }), armed);

const bot = await startDiscord({
  config,
  conversation,
  // KILL_TEST_LOG=debug: the bot's log on stderr, to see where a slow or failing round spends it.
  logger: pino({ level: process.env.KILL_TEST_LOG ?? "silent" }, pino.destination(2)),
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
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
process.once("SIGTERM", () => {
  void Promise.resolve(scheduler?.stop())
    .then(() => bot.stop())
    .then(() => store.close())
    .finally(() => process.exit(0));
});
