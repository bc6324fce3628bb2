import { pino } from "pino";
import type { DiscordConfig } from "../../../src/adapters/discord/config.js";
import {
  type DiscordAdapter,
  type DiscordDeps,
  startDiscord,
} from "../../../src/adapters/discord/index.js";
import { createConversation } from "../../../src/conversation/engine.js";
import type { IncidentDeps } from "../../../src/conversation/incidents/watch.js";
import type { IssueDeps } from "../../../src/conversation/issue.js";
import type { ConversationPolicy } from "../../../src/conversation/policy.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { openSqliteStore } from "../../../src/store/sqlite/open.js";
import type { SqliteStore } from "../../../src/store/sqlite/sqlite-store.js";
import { ConversationForTests } from "../conversation-for-tests.js";
import { RecordingConversation } from "../recording-conversation.js";
import { FakeDiscord, type FakeDiscordOptions } from "./fake-discord.js";

export interface Harness {
  fake: FakeDiscord;
  bot: DiscordAdapter;
  /** The real engine (in-memory SQLite) or the small double, behind a recorder. */
  conversation: RecordingConversation;
  /** Log lines the adapter wrote, parsed. */
  logs: Array<{ level: number; msg: string } & Record<string, unknown>>;
  /** The real engine's store (null with the double). */
  store: SqliteStore | null;
  /** Stops the bot and starts a new one (new engine, same store file, same fake Discord). */
  restart(whileDown?: () => void): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real adapter (real discord.js, real HTTP) against a fresh fake Discord, with the real
 * conversation engine on an in-memory SQLite store (or the small double).
 */
export async function startHarness(
  options: FakeDiscordOptions & {
    config?: Partial<DiscordConfig>;
    /** The real conversation engine by default; "double" is test/fakes/conversation-for-tests. */
    engine?: "real" | "double";
    /** Outbox retry settings for the adapter (short backoffs for tests). */
    drain?: DiscordDeps["drain"];
    /** An SQLite file instead of memory, to restart the bot on the same conversation. */
    databasePath?: string;
    /** The real engine's GitHub settings (e.g. a filer against test/fakes/github). */
    issues?: (store: SqliteStore) => IssueDeps;
    /** The real engine's incident watching (off without it). */
    incidents?: (store: SqliteStore) => IncidentDeps;
    /** The real engine's conversation policy (e.g. reply languages per channel), given the fake's channels. */
    policy?: (fake: FakeDiscord) => Partial<ConversationPolicy>;
  } = {},
): Promise<Harness> {
  const fake = await FakeDiscord.start(options);
  const logs: Harness["logs"] = [];
  const logger = pino(
    { level: "debug" },
    { write: (line: string) => void logs.push(JSON.parse(line)) },
  );
  const kb = loadKnowledge();
  const engine = () => {
    const store =
      options.engine === "double" ? null : openSqliteStore(options.databasePath ?? ":memory:");
    const conversation = new RecordingConversation(
      store
        ? createConversation({
            store,
            kb,
            ...(options.policy ? { policy: options.policy(fake) } : {}),
            ...(options.issues ? { issues: options.issues(store) } : {}),
            ...(options.incidents ? { incidents: options.incidents(store) } : {}),
          })
        : new ConversationForTests(),
    );
    return { store, conversation };
  };
  const config: DiscordConfig = {
    token: fake.world.token,
    apiUrl: fake.apiUrl,
    channels: [fake.world.forum.id, fake.world.text.id],
    staffRoles: [fake.world.staffRoleId],
    staffUsers: [],
    staffChannel: fake.world.staff.id,
    triageAll: false,
    maxAttachmentBytes: 1_000_000,
    commandScope: "guild",
    shards: null,
    ...options.config,
  };
  const boot = async () => {
    const { store, conversation } = engine();
    try {
      const bot = await startDiscord({
        config,
        conversation,
        logger,
        ...(options.drain ? { drain: options.drain } : {}),
      });
      return { store, conversation, bot };
    } catch (error) {
      await store?.close();
      throw error;
    }
  };
  let first: Awaited<ReturnType<typeof boot>>;
  try {
    first = await boot();
  } catch (error) {
    await fake.close();
    throw error;
  }
  const harness: Harness = {
    fake,
    ...first,
    logs,
    async restart(whileDown) {
      await harness.bot.stop();
      await harness.store?.close();
      whileDown?.();
      Object.assign(harness, await boot());
    },
    async close() {
      await harness.bot.stop();
      await fake.close();
      await harness.store?.close();
    },
  };
  return harness;
}
