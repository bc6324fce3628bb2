import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type Logger, pino } from "pino";
import { startConsole } from "./adapters/console/run-console.js";
import { EnvVariableError } from "./adapters/env-fields.js";
import { ADAPTERS, actionThreadKey, type RunningAdapter } from "./adapters/registry.js";
import { type Config, enabledPlatforms } from "./config/config.js";
import { ConfigError, loadConfig } from "./config/load-config.js";
import { createConversation } from "./conversation/engine.js";
import { providerStatusLine } from "./conversation/incidents/provider-status.js";
import type { IssueDeps } from "./conversation/issue.js";
import { createScheduler } from "./conversation/scheduler.js";
import { createIncidentTracker } from "./github/incident-tracker.js";
import { webUrlFor } from "./github/repo-ref.js";
import { createIssueFiler } from "./github/setup.js";
import { type HealthSource, startHealthServer } from "./health/health-report.js";
import { type IssueForm, IssueFormError, loadIssueForm } from "./knowledge/issue-form.js";
import { loadKnowledge } from "./knowledge/load.js";
import { createLogger } from "./logger.js";
import { StatusPoller } from "./net/status-poller.js";
import {
  type BotStore,
  openConfiguredStore,
  StoreOpenError,
  storeHealth,
} from "./store/open-store.js";
import type { Store } from "./store/store.js";
import { warmUp } from "./warm-up/warm-up.js";

/** Console mode keeps stdout for the conversation: logs go to LOG_FILE or stderr. */
function makeLogger(config: Config, consoleMode: boolean): Logger {
  const level = config.logLevel ?? (consoleMode ? "warn" : "info");
  const destination = config.logFile
    ? pino.destination({ dest: config.logFile, mkdir: true, sync: true })
    : pino.destination({ fd: consoleMode ? 2 : 1, sync: true });
  return createLogger(level, { destination });
}

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

async function runPlatforms(config: Config, deps: ModeDeps): Promise<void> {
  const adapters: RunningAdapter[] = [];
  let draining = false;
  const health = healthSource(config, deps.store, adapters, () => draining);
  let healthServer: Awaited<ReturnType<typeof startHealthServer>> | null = null;
  try {
    const warm = await warmUp(deps.kb);
    deps.logger.info({ ms: Math.round(warm.ms) }, "engine warmed up on sample posts");
    for (const platform of enabledPlatforms(config)) {
      adapters.push(await ADAPTERS[platform]({ config, ...deps, health }));
      deps.logger.info({ platform }, "adapter started");
    }
    // Slack's HTTP receiver already answers /healthz on PORT; other modes get a small server.
    if (!adapters.some((a) => a.servesHealth)) {
      healthServer = await startHealthServer(health, config.http.host, config.http.port);
      deps.logger.info({ port: healthServer.port }, "GET /healthz listening");
    }
    const scheduler = createScheduler({
      port: deps.conversation,
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
    await new Promise<void>((done) => onSignals(done));
    draining = true;
    deps.logger.info("shutting down: finishing in-flight events and deliveries");
    await scheduler.stop();
  } finally {
    draining = true;
    // Each adapter stops receiving, lets queued events commit and the current delivery finish;
    // what is left in the outbox is another replica's (or the next start's) to send.
    for (const adapter of adapters.reverse()) await adapter.stop();
    await healthServer?.close();
  }
}

/**
 * Issue drafting: the form, the repository (GITHUB_REPO, else the form's), and with GITHUB_TOKEN
 * a filer whose ledger lives in the bot's database, so a confirm after a restart files nothing twice.
 */
function issueDeps(
  config: Config,
  kb: ReturnType<typeof loadKnowledge>,
  form: IssueForm,
  store: BotStore,
): IssueDeps {
  const { token, apiUrl } = config.github;
  const repo = config.github.repo ?? form.repo;
  const filer =
    token && repo
      ? createIssueFiler({ token, repo, apiUrl }, kb, { ledger: store.issueLedger() })
      : null;
  return { form, repo, webUrl: webUrlFor(apiUrl), filer };
}

/** STATUS_POLL_SECONDS > 0: the providers' status feeds (data/providers.json) are polled. */
function startStatusPolling(
  config: Config,
  kb: ReturnType<typeof loadKnowledge>,
  logger: Logger,
): StatusPoller | null {
  if (config.statusPollSeconds <= 0) return null;
  const feeds = kb.providers.flatMap((p) =>
    p.statusFeed ? [{ provider: p.id, kind: p.statusFeed.kind, url: p.statusFeed.url }] : [],
  );
  const poller = new StatusPoller({
    feeds,
    intervalMs: config.statusPollSeconds * 1000,
    onError: (provider, error) => logger.warn({ err: error, provider }, "status page poll failed"),
  });
  const poll = () => void poller.pollDue();
  poll();
  // Polling alone must not keep a finished process alive.
  setInterval(poll, Math.min(config.statusPollSeconds * 1000, 60_000)).unref();
  return poller;
}

interface ModeDeps {
  conversation: ReturnType<typeof createConversation>;
  store: Store;
  kb: ReturnType<typeof loadKnowledge>;
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
    store = await openConfiguredStore(config);
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    process.stderr.write(`ratelimit-triage: ${error.message}\n`);
    return 2;
  }
  const poller = startStatusPolling(config, kb, logger);
  const conversation = createConversation({
    store,
    kb,
    policy: {
      ...config.stale,
      ...(config.replyLanguages ? { replyLanguages: config.replyLanguages } : {}),
    },
    issues: issueDeps(config, kb, form, store),
    incidents: {
      store: store.incidents(),
      settings: config.incidents,
      tracker: createIncidentTracker({
        ...config.github,
        repo: config.github.repo ?? form.repo ?? null,
      }),
      issueWatch: store.issueWatch(),
      issuePollMs: config.issuePollSeconds * 1000,
      onError: (error) => logger.warn({ err: error }, "incident tracker failed"),
      ...(poller
        ? {
            providerStatus: (incident) =>
              providerStatusLine(kb, incident, poller.status(incident.signature.provider)),
            providerIncidents: () => poller.openIncidents(),
          }
        : {}),
    },
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
    else await runPlatforms(config, { conversation, store, kb, logger });
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
