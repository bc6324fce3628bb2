import { type Client, Events } from "discord.js";
import type { Logger } from "pino";
import { KeyedQueue } from "../../conversation/keyed-queue.js";
import type { Action, ConversationPort } from "../../conversation/port.js";
import { createDrainer, type DrainerOptions } from "../../outbox/drainer.js";
import type { Download } from "./attachments.js";
import { catchUp } from "./catch-up.js";
import { createDiscordClient } from "./client.js";
import { CommandRunner } from "./command-runner.js";
import { registerCommands } from "./commands.js";
import {
  type AppDiscordSettings,
  type DiscordConfig,
  DiscordConfigError,
  discordConfigFromApp,
} from "./config.js";
import { classifyDiscordFailure } from "./delivery-failure.js";
import { ForumTags } from "./forum-tags.js";
import { InteractionRouter } from "./interaction-router.js";
import { MessageRouter } from "./message-router.js";
import { Outbox } from "./outbox.js";
import { ActionPerformer } from "./perform.js";
import { checkSetup } from "./startup-checks.js";

export {
  type AppDiscordSettings,
  type DiscordConfig,
  DiscordConfigError,
  discordConfigFromApp,
  loadDiscordConfig,
} from "./config.js";

export interface DiscordDeps {
  config: DiscordConfig;
  conversation: ConversationPort;
  logger: Logger;
  /** Attachment download; src/net's downloadText when omitted (tests may inject). */
  download?: Download;
  /** Outbox retry settings (tests make them short). */
  drain?: Pick<DrainerOptions, "maxAttempts" | "baseDelayMs" | "maxDelayMs" | "clock">;
}

export interface DiscordAdapter {
  /**
   * The scheduler's actions (from `conversation.tick()`) are in the outbox already: this drains
   * it, so they and anything else due go out.
   */
  perform(actions: readonly Action[]): Promise<void>;
  /** Delivers whatever is due in the outbox now. */
  drain(): Promise<void>;
  /** Resolves when no thread has work queued (tests, graceful shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

function waitForReady(client: Client): Promise<Client<true>> {
  return new Promise((resolve, reject) => {
    client.once(Events.ClientReady, resolve);
    client.once(Events.Error, reject);
  });
}

function explainLoginError(error: unknown): Error {
  const message = (error as Error).message ?? String(error);
  if (/disallowed intents/i.test(message))
    return new Error(
      "Discord refused the Message Content intent: enable it in the Developer Portal (Bot → Privileged Gateway Intents), then restart",
    );
  if (/invalid token/i.test(message))
    return new Error("DISCORD_TOKEN was rejected by Discord (invalid token)");
  return error instanceof Error ? error : new Error(message);
}

/**
 * Connects the bot to Discord and wires it to the conversation engine: messages and interactions
 * in, actions out. Resolves once the gateway is ready, commands are registered and the set-up
 * check has logged what is missing.
 */
export async function startDiscord(deps: DiscordDeps): Promise<DiscordAdapter> {
  const { config, conversation } = deps;
  const logger = deps.logger.child({ adapter: "discord" });
  const client = createDiscordClient(config);
  const queue = new KeyedQueue();
  const performer = new ActionPerformer({
    outbox: new Outbox(client.rest),
    tags: new ForumTags(client, logger),
    config,
    logger,
  });
  const drainer = createDrainer({
    outbox: conversation.outbox,
    prefix: "discord:",
    deliver: (entry) => performer.deliver(entry.action),
    classify: classifyDiscordFailure,
    logger,
    ...deps.drain,
  });
  const shared = {
    client,
    config,
    conversation,
    performer,
    queue,
    drain: drainer.drain,
    logger,
    ...(deps.download ? { download: deps.download } : {}),
  };
  const messages = new MessageRouter(shared);
  const interactions = new InteractionRouter(shared, new CommandRunner(shared));

  const guard = (what: string, work: Promise<void>) =>
    work.catch((error: unknown) => logger.error({ err: error }, `discord: ${what} failed`));
  client.on(Events.MessageCreate, (m) => void guard("message", messages.onMessage(m, "message")));
  client.on(Events.MessageUpdate, (_old, m) => {
    const full = m.partial ? m.fetch() : Promise.resolve(m);
    void guard(
      "edit",
      full.then((message) => messages.onMessage(message, "edit")),
    );
  });
  client.on(
    Events.InteractionCreate,
    (i) => void guard("interaction", interactions.onInteraction(i)),
  );
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.rest.on("rateLimited", (info) =>
    logger.info(
      { route: info.route, retryAfterMs: info.retryAfter, global: info.global },
      "discord: rate limited, the request waits and is sent again",
    ),
  );

  const ready = waitForReady(client);
  try {
    await client.login(config.token);
  } catch (error) {
    await client.destroy();
    throw explainLoginError(error);
  }
  const readyClient = await ready;
  logger.info(
    { user: readyClient.user.tag, guilds: readyClient.guilds.cache.size },
    "discord: ready",
  );
  await registerCommands(readyClient, config, logger);
  await checkSetup(readyClient, config, logger);
  // Messages said while the bot was down, then what an earlier run committed but did not get
  // out (a crash, an outage).
  await catchUp({
    client: readyClient,
    conversation,
    queue,
    ctx: {
      config,
      botId: readyClient.user.id,
      ...(deps.download ? { download: deps.download } : {}),
    },
    logger,
    channelMessage: (message) => messages.onMessage(message, "message"),
  });
  await drainer.drain();

  return {
    perform: () => drainer.drain(),
    drain: () => drainer.drain(),
    idle: async () => {
      await queue.idle();
      await drainer.drain();
    },
    async stop() {
      await queue.idle();
      await drainer.stop();
      await client.destroy();
    },
  };
}

/**
 * The registry's entry point, shaped like its StartAdapter: the app config's Discord settings
 * plus the Discord-only variables, started with `startDiscord`; scheduler actions go to `perform`.
 */
export async function startDiscordAdapter(deps: {
  config: AppDiscordSettings;
  conversation: ConversationPort;
  logger: Logger;
}): Promise<{
  platform: "discord";
  deliver(actions: readonly Action[]): Promise<void>;
  stop(): Promise<void>;
}> {
  const config = discordConfigFromApp(deps.config);
  if (!config) throw new DiscordConfigError("DISCORD_TOKEN", "not set");
  const discord = await startDiscord({
    config,
    conversation: deps.conversation,
    logger: deps.logger,
  });
  return {
    platform: "discord",
    deliver: (actions) => discord.perform(actions),
    stop: () => discord.stop(),
  };
}
