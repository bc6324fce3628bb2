/**
 * The Slack bot in a process of its own, for the kill tests: the real adapter, engine and SQLite
 * file against the fake Slack, with one kill point armed (test/fakes/kill-points.ts). Prints
 * `{"port":…}` once listening.
 */
import { pino } from "pino";
import { startSlack } from "../../../src/adapters/slack/index.js";
import { createConversation } from "../../../src/conversation/engine.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { openSqliteStore } from "../../../src/store/sqlite/open.js";
import { armReceive, armStore, waitForArming } from "../kill-points.js";

const env = process.env;
const armed = await waitForArming();
const store = openSqliteStore(env.DATABASE_PATH ?? "");
armStore(store, armed);
const conversation = armReceive(createConversation({ store, kb: loadKnowledge() }), armed);

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
process.stdout.write(`${JSON.stringify({ port: bot.port })}\n`);
process.once("SIGTERM", () => {
  void bot
    .stop()
    .then(() => store.close())
    .finally(() => process.exit(0));
});
