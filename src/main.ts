import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type Logger, pino } from "pino";
import { startConsole } from "./adapters/console/run-console.js";
import { ADAPTERS, actionThreadKey, type RunningAdapter } from "./adapters/registry.js";
import { type Config, enabledPlatforms } from "./config/config.js";
import { ConfigError, loadConfig } from "./config/load-config.js";
import { createConversation } from "./conversation/engine.js";
import type { IssueDeps } from "./conversation/issue.js";
import { createScheduler } from "./conversation/scheduler.js";
import { webUrlFor } from "./github/repo-ref.js";
import { createIssueFiler } from "./github/setup.js";
import { type IssueForm, IssueFormError, loadIssueForm } from "./knowledge/issue-form.js";
import { loadKnowledge } from "./knowledge/load.js";
import { createLogger } from "./logger.js";
import { SchemaTooNewError } from "./store/sqlite/migrate.js";
import { openSqliteStore } from "./store/sqlite/open.js";
import { DatabaseOpenError } from "./store/sqlite/open-error.js";
import type { SqliteStore } from "./store/sqlite/sqlite-store.js";
import type { Store } from "./store/store.js";

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

async function runPlatforms(config: Config, deps: ModeDeps): Promise<void> {
  const adapters: RunningAdapter[] = [];
  try {
    for (const platform of enabledPlatforms(config)) {
      adapters.push(await ADAPTERS[platform]({ config, ...deps }));
      deps.logger.info({ platform }, "adapter started");
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
    deps.logger.info("shutting down");
    await scheduler.stop();
  } finally {
    for (const adapter of adapters.reverse()) await adapter.stop();
  }
}

/**
 * Issue drafting: the form, the repository (GITHUB_REPO, else the form's), and with GITHUB_TOKEN
 * a filer whose ledger lives in the bot's SQLite file, so a confirm after a restart files nothing twice.
 */
function issueDeps(
  config: Config,
  kb: ReturnType<typeof loadKnowledge>,
  form: IssueForm,
  store: SqliteStore,
): IssueDeps {
  const { token, apiUrl } = config.github;
  const repo = config.github.repo ?? form.repo;
  const filer =
    token && repo
      ? createIssueFiler({ token, repo, apiUrl }, kb, { ledger: store.issueLedger() })
      : null;
  return { form, repo, webUrl: webUrlFor(apiUrl), filer };
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
  let store: SqliteStore;
  try {
    store = openSqliteStore(resolve(config.databasePath));
  } catch (error) {
    if (!(error instanceof DatabaseOpenError || error instanceof SchemaTooNewError)) throw error;
    const reason = error instanceof DatabaseOpenError ? error.reason : error.message;
    process.stderr.write(`ratelimit-triage: DATABASE_PATH=${config.databasePath}: ${reason}\n`);
    return 2;
  }
  const conversation = createConversation({
    store,
    kb,
    policy: config.stale,
    issues: issueDeps(config, kb, form, store),
  });
  logger.info(
    { database: config.databasePath, mode: consoleMode ? "console" : "platforms" },
    "starting",
  );
  try {
    if (consoleMode) await runConsoleMode(config, { conversation, store, kb, logger });
    else await runPlatforms(config, { conversation, store, kb, logger });
    return 0;
  } catch (error) {
    logger.error({ err: error }, "stopped on an error");
    process.stderr.write(`ratelimit-triage: ${(error as Error).message}\n`);
    return 1;
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
