/** Starts the real Slack adapter against the fake Slack, with an in-memory conversation. */
import { pino } from "pino";
import {
  type SlackConfig,
  type SlackHandle,
  type StartSlackDeps,
  startSlack,
} from "../../../src/adapters/slack/index.js";
import { createConversation } from "../../../src/conversation/engine.js";
import type { IncidentDeps } from "../../../src/conversation/incidents/watch.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { openSqliteStore } from "../../../src/store/sqlite/open.js";
import type { SqliteStore } from "../../../src/store/sqlite/sqlite-store.js";
import { ConversationForTests } from "../conversation-for-tests.js";
import { RecordingConversation } from "../recording-conversation.js";
import { FakeSlack } from "./fake-slack.js";
import { type SlackSender, slackSender } from "./signed-request.js";

export const SIGNING_SECRET = "test-signing-secret-0123456789abcdef";
export const SUPPORT = "CSUPPORT1";
export const STAFF_CHANNEL = "CSTAFF01";
export const USER = "UUSER0001";
export const STAFF = "USTAFF001";

export interface SlackHarness {
  fake: FakeSlack;
  bot: SlackHandle;
  /** The real engine (an in-memory SQLite store) behind a recorder, or the small test double. */
  conversation: RecordingConversation;
  /** Signed requests to the bot's /slack/events (HTTP mode only). */
  send: SlackSender;
  config: SlackConfig;
  /** The real engine's store (null with the double). */
  store: SqliteStore | null;
  /** Stops the bot and starts a new one (new engine, same store file, same fake Slack). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSlackHarness(
  options: {
    config?: Partial<SlackConfig>;
    socketMode?: boolean;
    engine?: "real" | "double";
    /** An SQLite file instead of memory, to restart the bot on the same conversation. */
    databasePath?: string;
    /** Outbox retry settings for the adapter (short backoffs for tests). */
    drain?: StartSlackDeps["drain"];
    /** Inbox settings for the adapter (a short retry backoff for tests). */
    inbox?: StartSlackDeps["inbox"];
    /** The real engine's incident watching (off without it). */
    incidents?: (store: SqliteStore) => IncidentDeps;
  } = {},
): Promise<SlackHarness> {
  const fake = await FakeSlack.start();
  fake.state.users.set(USER, { name: "ada", displayName: "Ada" });
  fake.state.users.set(STAFF, { name: "grace", displayName: "Grace (staff)" });
  const kb = loadKnowledge();
  const config: SlackConfig = {
    botToken: fake.botToken,
    signingSecret: SIGNING_SECRET,
    appToken: options.socketMode ? fake.appToken : null,
    apiUrl: fake.apiUrl,
    channels: [SUPPORT],
    staffChannel: STAFF_CHANNEL,
    staffUsers: [STAFF],
    staffGroups: [],
    triageAll: false,
    maxFileBytes: 1024 * 1024,
    staleSoonHours: 20,
    port: 0,
    host: "127.0.0.1",
    ...options.config,
  };
  const logger = pino({ level: process.env.TEST_LOG ?? "silent" });
  const boot = async () => {
    const store =
      options.engine === "double" ? null : openSqliteStore(options.databasePath ?? ":memory:");
    const conversation = new RecordingConversation(
      store
        ? createConversation({
            store,
            kb,
            ...(options.incidents ? { incidents: options.incidents(store) } : {}),
          })
        : new ConversationForTests(),
    );
    try {
      const bot = await startSlack({
        config,
        conversation,
        logger,
        // Retry-After is still honoured in full; only the extra backoff after it is cut short.
        clientOptions: { retryConfig: { retries: 5, minTimeout: 0, maxTimeout: 5 } },
        ...(options.drain ? { drain: options.drain } : {}),
        ...(options.inbox ? { inbox: options.inbox } : {}),
      });
      const send = slackSender(`http://127.0.0.1:${bot.port ?? 0}/slack/events`, SIGNING_SECRET);
      return { store, conversation, bot, send };
    } catch (error) {
      await store?.close();
      throw error;
    }
  };
  let first: Awaited<ReturnType<typeof boot>>;
  try {
    first = await boot();
  } catch (error) {
    await fake.stop();
    throw error;
  }
  const harness: SlackHarness = {
    fake,
    ...first,
    config,
    async restart() {
      await harness.bot.stop();
      await harness.store?.close();
      Object.assign(harness, await boot());
    },
    // The app first, then the fake: Socket Mode waits for the fake to answer its close frame.
    async stop() {
      await harness.bot.stop();
      await fake.stop();
      await harness.store?.close();
    },
  };
  return harness;
}
