import type { AddressInfo } from "node:net";
import type { App } from "@slack/bolt";
import type { Logger } from "pino";
import { KeyedQueue } from "../../conversation/keyed-queue.js";
import type { Action, ConversationPort } from "../../conversation/port.js";
import type { HealthSource } from "../../health/health-report.js";
import { EventLoopTurns } from "../../inbox/event-loop-turns.js";
import { InboxPump, type InboxPumpOptions } from "../../inbox/pump.js";
import { createDrainer, type DrainerOptions } from "../../outbox/drainer.js";
import { createBoltApp, type SlackClientOptions } from "./app.js";
import { SlackAuthors } from "./authors.js";
import { registerButtons } from "./buttons.js";
import { registerCommands } from "./commands.js";
import {
  type AppSlackSettings,
  type SlackConfig,
  SlackConfigError,
  slackConfigFromApp,
} from "./config.js";
import { classifySlackFailure } from "./delivery-failure.js";
import { registerEvents } from "./events.js";
import { type FilesOptions, SlackFiles } from "./files.js";
import { decideSlackEvent } from "./inbox-record.js";
import { SlackPerformer } from "./perform.js";
import type { SlackRuntime } from "./runtime.js";

export {
  type AppSlackSettings,
  loadSlackConfig,
  type SlackConfig,
  SlackConfigError,
  slackConfigFromApp,
} from "./config.js";

/** What Bolt's extended error handler is given (extendedErrorHandler in createBoltApp). */
type ListenerFailure = Parameters<Parameters<App["error"]>[0]>[0];

export interface StartSlackDeps {
  config: SlackConfig;
  conversation: ConversationPort;
  logger: Logger;
  /** WebClient overrides; tests pass a fast retryConfig. Production keeps Slack's defaults. */
  clientOptions?: Partial<SlackClientOptions>;
  /** File download; src/net's downloadText by default. */
  download?: FilesOptions["download"];
  now?: () => Date;
  /** Inbox settings (tests make the retry backoff short). */
  inbox?: Pick<InboxPumpOptions, "baseDelayMs" | "maxDelayMs" | "pollMs" | "window">;
  /** Outbox retry settings (tests make them short). */
  drain?: Pick<DrainerOptions, "maxAttempts" | "baseDelayMs" | "maxDelayMs" | "clock">;
  /** The whole app's report for GET /healthz (HTTP mode); without it the route answers ok. */
  health?: HealthSource;
}

export interface SlackHandle {
  mode: "http" | "socket";
  /** The HTTP port listened on (HTTP mode), after binding: useful with PORT=0. */
  port?: number;
  /** The scheduler's actions are in the outbox already: this drains it (Slack's threads only). */
  perform(actions: readonly Action[]): Promise<void>;
  /** Resolves when no thread has work queued (tests, graceful shutdown). */
  idle(): Promise<void>;
  /** Stops receiving, lets queued work finish, closes the listener or socket. */
  stop(): Promise<void>;
}

/** The workspace's URL (auth.test): permalinks are built from it; without it they are asked for. */
async function workspaceUrl(rt: SlackRuntime): Promise<string | undefined> {
  try {
    const { url } = await rt.client.auth.test();
    return url?.endsWith("/") ? url : url ? `${url}/` : undefined;
  } catch (error) {
    rt.logger.warn({ err: error }, "auth.test gave no workspace URL; permalinks are asked for");
    return undefined;
  }
}

/** Starts the Slack bot: Bolt in HTTP mode on HOST:PORT, or Socket Mode with SLACK_APP_TOKEN. */
export async function startSlack(deps: StartSlackDeps): Promise<SlackHandle> {
  const { config, conversation } = deps;
  const logger = deps.logger.child({ platform: "slack" });
  const app = createBoltApp(config, logger, deps.clientOptions, deps.health);
  app.error(async ({ error, body }: ListenerFailure) => {
    logger.error({ err: error }, "Slack listener error");
    // An event's listener fails only before the event is stored (src/adapters/slack/pipeline.ts):
    // thrown on, the receiver does not ack it (HTTP 500, no Socket Mode ack) and Slack sends it
    // again, where swallowing it here answered 200 and lost it.
    if (body?.type === "event_callback") throw error;
  });
  const client = app.client;
  const performer = new SlackPerformer({
    client,
    outbox: conversation.outbox,
    staffChannel: config.staffChannel,
    logger,
  });
  const drainer = createDrainer({
    outbox: conversation.outbox,
    prefix: "slack:",
    deliver: (entry) => performer.deliver(entry.action, entry.inDoubt),
    callsPlatform: (action) => performer.callsPlatform(action),
    classify: classifySlackFailure,
    logger,
    ...deps.drain,
  });
  const queue = new KeyedQueue();
  const pump = new InboxPump({
    inbox: conversation.inbox,
    prefix: "slack:",
    queue,
    decide: (entry) => decideSlackEvent(rt, entry),
    logger,
    ...deps.inbox,
  });
  const rt: SlackRuntime = {
    config,
    conversation,
    logger,
    client,
    authors: new SlackAuthors(
      client,
      { staffUsers: config.staffUsers, staffGroups: config.staffGroups },
      logger,
    ),
    files: new SlackFiles(
      client,
      {
        botToken: config.botToken,
        apiUrl: config.apiUrl,
        maxFileBytes: config.maxFileBytes,
        ...(deps.download ? { download: deps.download } : {}),
      },
      logger,
    ),
    performer,
    queue,
    drain: drainer.drain,
    permalinks: new Map(),
    now: deps.now ?? (() => new Date()),
    turns: new EventLoopTurns(),
    pump,
  };
  registerEvents(app, rt);
  registerCommands(app, rt);
  registerButtons(app, rt);

  await app.init();
  rt.workspaceUrl = await workspaceUrl(rt);
  const mode = config.appToken ? "socket" : "http";
  let port: number | undefined;
  if (mode === "socket") {
    await app.start();
  } else {
    const server = (await app.start({ port: config.port, host: config.host })) as {
      address(): AddressInfo | string | null;
    };
    const address = server.address();
    port = typeof address === "object" && address ? address.port : config.port;
  }
  logger.info({ mode, port }, "Slack bot started");
  // What an earlier run committed but did not get out (a crash, an outage) goes first.
  await drainer.drain();
  // Then what it acked and did not decide.
  rt.pump.start();

  return {
    mode,
    ...(port !== undefined ? { port } : {}),
    perform: () => drainer.drain(),
    idle: async () => {
      await rt.pump.idle();
      await rt.queue.idle();
      await drainer.drain();
    },
    async stop() {
      await app.stop();
      await rt.pump.stop();
      await rt.queue.idle();
      await drainer.stop();
    },
  };
}

/**
 * The registry's entry point, shaped like its StartAdapter: the app config's Slack settings plus
 * the Slack-only variables, started with `startSlack`; scheduler actions go to `perform`.
 */
export async function startSlackAdapter(deps: {
  config: AppSlackSettings;
  conversation: ConversationPort;
  logger: Logger;
  health?: HealthSource;
}): Promise<{
  platform: "slack";
  port?: number;
  /** Who answers GET /healthz: Bolt's receiver in HTTP mode, else the app's own server. */
  servesHealth: boolean;
  deliver(actions: readonly Action[]): Promise<void>;
  stop(): Promise<void>;
}> {
  const config = slackConfigFromApp(deps.config);
  if (!config) throw new SlackConfigError("SLACK_BOT_TOKEN", "not set");
  const slack = await startSlack({
    config,
    conversation: deps.conversation,
    logger: deps.logger,
    ...(deps.health ? { health: deps.health } : {}),
  });
  return {
    platform: "slack",
    ...(slack.port !== undefined ? { port: slack.port } : {}),
    servesHealth: slack.mode === "http",
    deliver: (actions) => slack.perform(actions),
    stop: () => slack.stop(),
  };
}
