import { pino } from "pino";
import type { DiscordConfig } from "../../../src/adapters/discord/config.js";
import { type DiscordAdapter, startDiscord } from "../../../src/adapters/discord/index.js";
import type { ConversationPort } from "../../../src/conversation/port.js";
import { ConversationForTests } from "../conversation-for-tests.js";
import { FakeDiscord, type FakeDiscordOptions } from "./fake-discord.js";

export interface Harness {
  fake: FakeDiscord;
  bot: DiscordAdapter;
  conversation: ConversationForTests;
  /** Log lines the adapter wrote, parsed. */
  logs: Array<{ level: number; msg: string } & Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * The real adapter (real discord.js, real HTTP) against a fresh fake Discord, with the in-memory
 * conversation that runs the real triage engine.
 */
export async function startHarness(
  options: FakeDiscordOptions & {
    config?: Partial<DiscordConfig>;
    conversation?: ConversationPort;
  } = {},
): Promise<Harness> {
  const fake = await FakeDiscord.start(options);
  const logs: Harness["logs"] = [];
  const logger = pino(
    { level: "debug" },
    { write: (line: string) => void logs.push(JSON.parse(line)) },
  );
  const conversation = new ConversationForTests();
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
    ...options.config,
  };
  let bot: DiscordAdapter;
  try {
    bot = await startDiscord({
      config,
      conversation: options.conversation ?? conversation,
      logger,
    });
  } catch (error) {
    await fake.close();
    throw error;
  }
  return {
    fake,
    bot,
    conversation,
    logs,
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}
