import type { AddressInfo } from "node:net";
import type { App } from "@slack/bolt";
import type { Logger } from "pino";
import type { Action, ConversationPort } from "../../conversation/port.js";
import type { HealthSource } from "../../health/health-report.js";
import type { Deliveries } from "../../inbox/deliveries.js";
import { createBoltApp, type SlackClientOptions } from "./app.js";
import { registerButtons } from "./buttons.js";
import { registerCommands } from "./commands.js";
import {
  type AppSlackSettings,
  type SlackConfig,
  SlackConfigError,
  slackConfigFromApp,
} from "./config.js";
import { registerEvents } from "./events.js";
import type { FilesOptions } from "./files.js";
import { type LocalDeliveriesOptions, localSlackDeliveries } from "./local-deliveries.js";
import { buildSlackRuntime, workspaceUrl } from "./runtime.js";

export {
  type AppSlackSettings,
  loadSlackConfig,
  type SlackConfig,
  SlackConfigError,
  slackConfigFromApp,
} from "./config.js";

/** What Bolt's extended error handler is given (extendedErrorHandler in createBoltApp). */
type ListenerFailure = Parameters<Parameters<App["error"]>[0]>[0];

export interface StartSlackDeps extends LocalDeliveriesOptions {
  config: SlackConfig;
  conversation: ConversationPort;
  logger: Logger;
  /** WebClient overrides; tests pass a fast retryConfig. Production keeps Slack's defaults. */
  clientOptions?: Partial<SlackClientOptions>;
  /** File download; src/net's downloadText by default. */
  download?: FilesOptions["download"];
  now?: () => Date;
  /** The whole app's report for GET /healthz (HTTP mode); without it the route answers ok. */
  health?: HealthSource;
  /**
   * Where recorded events are decided and committed actions sent, when not on this thread: the
   * engine thread's (src/engine-thread/remote-deliveries.ts), which runs Slack's pump and drainer.
   * Without it they run here, beside Bolt.
   */
  deliveries?: Deliveries;
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
  const remote = deps.deliveries;
  const rt = buildSlackRuntime(
    {
      config,
      conversation,
      logger,
      client: app.client,
      ...(deps.download ? { download: deps.download } : {}),
      ...(deps.now ? { now: deps.now } : {}),
    },
    (runtime) => remote ?? localSlackDeliveries(runtime, deps),
  );
  registerEvents(app, rt);
  registerCommands(app, rt);
  registerButtons(app, rt);

  await app.init();
  rt.workspaceUrl = await workspaceUrl(rt.client, logger);
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
  logger.info({ mode, port, decidesHere: !remote }, "Slack bot started");
  await rt.deliveries.start();

  return {
    mode,
    ...(port !== undefined ? { port } : {}),
    perform: () => rt.deliveries.drain(),
    idle: async () => {
      await rt.queue.idle();
      await rt.deliveries.idle();
    },
    async stop() {
      await app.stop();
      // Commands and forms still being handled here finish before the deliveries stop.
      await rt.queue.idle();
      await rt.deliveries.stop();
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
  deliveries?: Deliveries;
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
    ...(deps.deliveries ? { deliveries: deps.deliveries } : {}),
  });
  return {
    platform: "slack",
    ...(slack.port !== undefined ? { port: slack.port } : {}),
    servesHealth: slack.mode === "http",
    deliver: (actions) => slack.perform(actions),
    stop: () => slack.stop(),
  };
}
