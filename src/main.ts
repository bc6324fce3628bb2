import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Logger } from "pino";
import { startConsole } from "./adapters/console/run-console.js";
import { EnvVariableError } from "./adapters/env-fields.js";
import { ADAPTERS, actionThreadKey, type RunningAdapter } from "./adapters/registry.js";
import { setUpConversation } from "./app/conversation-setup.js";
import { makeLogger } from "./app/make-logger.js";
import { type Config, enabledPlatforms, type PlatformName } from "./config/config.js";
import { ConfigError, loadConfig } from "./config/load-config.js";
import type { ConversationPort } from "./conversation/port.js";
import { createScheduler } from "./conversation/scheduler.js";
import { EngineThread } from "./engine-thread/engine-thread.js";
import type { DeliveringPlatform } from "./engine-thread/messages.js";
import { remoteConversation } from "./engine-thread/remote-conversation.js";
import { remoteDeliveries } from "./engine-thread/remote-deliveries.js";
import { type HealthSource, startHealthServer } from "./health/health-report.js";
import { type IssueForm, IssueFormError, loadIssueForm } from "./knowledge/issue-form.js";
import type { Knowledge } from "./knowledge/knowledge.js";
import { loadKnowledge } from "./knowledge/load.js";
import {
  type BotStore,
  openConfiguredStore,
  StoreOpenError,
  storeHealth,
} from "./store/open-store.js";
import type { Store } from "./store/store.js";
import { warmUp, warmUpRedaction } from "./warm-up/warm-up.js";

function onSignals(handler: () => void): void {
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
}

async function runConsoleMode(config: Config, deps: ModeDeps): Promise<void> {
  const running = startConsole({
    input: process.stdin,
    output: process.stdout,
    interactive: process.stdin.isTTY === true,
    conversation: deps.conversation,
    store: deps.store,
    kb: deps.kb,
    startTime: config.consoleStartTime,
    // Beside the database: the console's other state lives there too.
    chartDir: join(dirname(config.databasePath), "charts"),
    onError: (error) => deps.logger.error({ err: error }, "console event failed"),
  });
  onSignals(() => running.stop());
  await running.done;
}

/**
 * /healthz for every platform mode: the store answers (PostgreSQL is pinged), each configured
 * platform has started, and shutdown has not begun (a draining replica reports 503, so a load
 * balancer stops sending to it while it finishes what it took).
 */
function healthSource(
  config: Config,
  store: Store,
  adapters: readonly RunningAdapter[],
  draining: () => boolean,
): HealthSource {
  return async () => {
    const started = new Set(adapters.map((a) => a.platform));
    const platforms = Object.fromEntries(
      enabledPlatforms(config).map((p) => [
        p,
        { ok: started.has(p), detail: started.has(p) ? "running" : "starting" },
      ]),
    );
    const storePart = await storeHealth(store);
    const ok = storePart.ok && started.size === enabledPlatforms(config).length && !draining();
    return { ok, store: storePart, platforms, draining: draining() };
  };
}

/**
 * ENGINE_THREAD (default on): platform modes decide on a worker thread with its own store
 * connection, so acks and heartbeats never wait behind analysis. An in-memory SQLite database
 * cannot be shared with a thread: there it stays off.
 */
function useEngineThread(config: Config, consoleMode: boolean): boolean {
  if (consoleMode || config.engineThread === false) return false;
  return config.databaseUrl !== null || config.databasePath !== ":memory:";
}

/** The decisions' side: the engine thread when used (warmed up there), else this thread, warmed up. */
async function startDeciding(
  deps: ModeDeps,
  config: Config,
  engineThread: boolean,
): Promise<{ conversation: ConversationPort; engine: EngineThread | null }> {
  if (!engineThread) {
    const warm = await warmUp(deps.kb);
    deps.logger.info({ ms: Math.round(warm.ms) }, "engine warmed up on sample posts");
    return { conversation: deps.conversation, engine: null };
  }
  // Slack's acks wait for nothing but a recorded row: its pump and drainer go to the thread too.
  // Discord's gateway asks no ack, and its replies stay beside its REST client's rate limits.
  const deliversFor: DeliveringPlatform[] = enabledPlatforms(config).includes("slack")
    ? ["slack"]
    : [];
  const engine = await EngineThread.start({ config, logger: deps.logger, deliversFor });
  const redactionMs = Math.round(warmUpRedaction((text) => deps.conversation.redact(text)));
  deps.logger.info(
    { warmUpMs: engine.warmUpMs, redactionMs },
    "engine thread started and warmed up",
  );
  return { conversation: remoteConversation(deps.conversation, engine), engine };
}

async function runPlatforms(config: Config, deps: ModeDeps, engineThread: boolean): Promise<void> {
  const adapters: RunningAdapter[] = [];
  let draining = false;
  const health = healthSource(config, deps.store, adapters, () => draining);
  // Listened for from the start: a SIGTERM while the platforms or the engine thread still start
  // (the health port already answers) is a stop once they have, never the default kill.
  const stopAsked = new Promise<void>((done) => onSignals(done));
  let healthServer: Awaited<ReturnType<typeof startHealthServer>> | null = null;
  let engine: EngineThread | null = null;
  try {
    const deciding = await startDeciding(deps, config, engineThread);
    engine = deciding.engine;
    const conversation = deciding.conversation;
    const onEngine = (platform: PlatformName) =>
      engine?.delivers(platform) ? remoteDeliveries(engine, platform, deps.logger) : undefined;
    for (const platform of enabledPlatforms(config)) {
      adapters.push(
        await ADAPTERS[platform]({
          config,
          ...deps,
          conversation,
          health,
          deliveries: onEngine,
        }),
      );
      deps.logger.info({ platform }, "adapter started");
    }
    // Slack's HTTP receiver already answers /healthz on PORT; other modes get a small server.
    if (!adapters.some((a) => a.servesHealth)) {
      healthServer = await startHealthServer(health, config.http.host, config.http.port);
      deps.logger.info({ port: healthServer.port }, "GET /healthz listening");
    }
    const scheduler = createScheduler({
      port: conversation,
      clock: () => new Date(),
      deliver: async (actions) => {
        for (const adapter of adapters) {
          const mine = actions.filter((a) => actionThreadKey(a).startsWith(`${adapter.platform}:`));
          if (mine.length > 0) await adapter.deliver(mine);
        }
      },
      onError: (error) => deps.logger.error({ err: error }, "scheduler tick failed"),
    });
    await scheduler.start();
    await stopAsked;
    draining = true;
    deps.logger.info("shutting down: finishing in-flight events and deliveries");
    await scheduler.stop();
  } finally {
    draining = true;
    // Each adapter stops receiving, lets queued events commit and the current delivery finish;
    // what is left in the outbox is another replica's (or the next start's) to send.
    for (const adapter of adapters.reverse()) await adapter.stop();
    await engine?.stop();
    await healthServer?.close();
  }
}

interface ModeDeps {
  conversation: ConversationPort;
  store: Store;
  kb: Knowledge;
  logger: Logger;
}

/** `npm start`: the configured platforms, or the local console when none is configured. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env, (path) => readFileSync(path, "utf8"));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`ratelimit-triage: ${error.message}\n`);
    return 2;
  }
  const consoleMode = enabledPlatforms(config).length === 0;
  const logger = makeLogger(config, consoleMode);
  const kb = loadKnowledge();
  let form: IssueForm;
  try {
    form = config.github.issueForm ? loadIssueForm(config.github.issueForm) : loadIssueForm();
  } catch (error) {
    if (!(error instanceof IssueFormError)) throw error;
    process.stderr.write(`ratelimit-triage: GITHUB_ISSUE_FORM: ${error.message}\n`);
    return 2;
  }
  let store: BotStore;
  try {
    store = await openConfiguredStore(config, {
      besideEngineThread: useEngineThread(config, consoleMode),
    });
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    process.stderr.write(`ratelimit-triage: ${error.message}\n`);
    return 2;
  }
  const engineThread = useEngineThread(config, consoleMode);
  // With an engine thread the one that decides polls the status pages; this one only reads.
  const conversation = setUpConversation({
    config,
    kb,
    form,
    store,
    logger,
    pollStatus: !engineThread,
  });
  logger.info(
    {
      database: config.databaseUrl ? "postgres" : config.databasePath,
      mode: consoleMode ? "console" : "platforms",
    },
    "starting",
  );
  try {
    if (consoleMode) await runConsoleMode(config, { conversation, store, kb, logger });
    else await runPlatforms(config, { conversation, store, kb, logger }, engineThread);
    return 0;
  } catch (error) {
    logger.error({ err: error }, "stopped on an error");
    process.stderr.write(`ratelimit-triage: ${(error as Error).message}\n`);
    // A platform-only setting with a bad value (DISCORD_SHARDS, …) is a configuration error.
    return error instanceof EnvVariableError ? 2 : 1;
  } finally {
    await store.close();
  }
}

process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
});
main().then((code) => {
  process.exitCode = code;
});
