/**
 * The Slack bot in a process of its own, for the kill tests: the real adapter, engine and SQLite
 * file against the fake Slack, with one kill point armed. It loads its modules, then waits for one
 * line on stdin, `{"step":…,"threadKey":…}` or `{}`: the test warms the next process while the
 * current one runs, and only one of them ever has the database open. `step` names where the
 * process SIGKILLs itself, for the event of thread `threadKey` only. Prints `{"port":…}` once
 * listening.
 */
import { createInterface } from "node:readline";
import { pino } from "pino";
import { startSlack } from "../../../src/adapters/slack/index.js";
import { createConversation } from "../../../src/conversation/engine.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { openSqliteStore } from "../../../src/store/sqlite/open.js";
import type { KillStep } from "./kill-steps.js";

const env = process.env;
const lines = createInterface({ input: process.stdin });
const armed = JSON.parse(await new Promise<string>((resolve) => lines.once("line", resolve))) as {
  step?: KillStep;
  threadKey?: string;
};
const store = openSqliteStore(env.DATABASE_PATH ?? "");

function killAt(step: KillStep, threadKey: string): void {
  if (armed.step === step && threadKey === armed.threadKey) process.kill(process.pid, "SIGKILL");
}

// Kill points, wrapped around the real store so the product code carries no test hooks.
const commit = store.commit.bind(store);
store.commit = async (change) => {
  const result = await commit(change);
  if (change.eventKind === "message") killAt("committed", change.thread.key);
  return result;
};
const outbox = store.outbox;
const threadOf = new Map<string, string>();
const pending = outbox.pending.bind(outbox);
outbox.pending = async (prefix, limit) => {
  const entries = await pending(prefix, limit);
  for (const e of entries) threadOf.set(e.id, e.threadKey);
  return entries;
};
const begin = outbox.begin.bind(outbox);
outbox.begin = async (id, at) => {
  await begin(id, at);
  killAt("begun", threadOf.get(id) ?? "");
};
const delivered = outbox.delivered.bind(outbox);
outbox.delivered = async (id, platformId, at) => {
  // Slack has the message; the process dies before it knows the ts.
  killAt("posted", threadOf.get(id) ?? "");
  await delivered(id, platformId, at);
  killAt("recorded", threadOf.get(id) ?? "");
};

const engine = createConversation({ store, kb: loadKnowledge() });
const conversation = {
  ...engine,
  outbox: engine.outbox,
  watches: engine.watches,
  tick: engine.tick,
  command: engine.command,
  recordSent: engine.recordSent,
  receive: (event: Parameters<typeof engine.receive>[0]) => {
    killAt("received", event.threadKey);
    return engine.receive(event);
  },
};

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
