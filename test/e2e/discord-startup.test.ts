import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { startDiscord } from "../../src/adapters/discord/index.js";
import { ConversationForTests } from "../fakes/conversation-for-tests.js";
import { type Harness, startHarness } from "../fakes/discord/bot-harness.js";
import { FakeDiscord } from "../fakes/discord/fake-discord.js";
import { GEMINI_429 } from "../fakes/discord/pastes.js";
import { ALL_BOT_PERMS, PERMS } from "../fakes/discord/world.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const warnings = (harness: Harness) => harness.logs.filter((l) => l.level === 40).map((l) => l.msg);

describe("Discord start-up checks", () => {
  it("asks for the Message Content intent it needs, and the fake sees it requested", async () => {
    h = await startHarness({ messageContentEnabled: false });
    expect(h.fake.gateway.hasMessageContent).toBe(true);
    expect(warnings(h).filter((m) => m.includes("Message Content intent"))).toHaveLength(1);
  });

  it("names each channel's missing permissions in one line, and skips tags it may not set", async () => {
    const withoutManage = ALL_BOT_PERMS & ~PERMS.ManageChannels & ~PERMS.ManageThreads;
    h = await startHarness({ botPermissions: withoutManage });
    const { fake } = h;
    const lines = warnings(h).filter((m) => m.includes("missing"));
    expect(lines).toEqual([
      `discord: forum channel #help-forum (${fake.world.forum.id}): missing ManageThreads, ManageChannels (forum tags are skipped)`,
    ]);

    const { threadId } = fake.forumPost(fake.world.alice, "Gemini 429", GEMINI_429);
    await fake.waitFor(() => fake.botMessages(threadId)[0], "the reply");
    await h.bot.idle();
    expect(
      fake.calls("PATCH", new RegExp(`^/channels/(${fake.world.forum.id}|${threadId})$`)),
    ).toEqual([]);
    expect(h.logs.some((l) => String(l.msg).includes("lacks Manage Channels"))).toBe(true);
  });

  it("says a channel id it cannot see is wrong", async () => {
    h = await startHarness({ config: { channels: ["123456789012345678"] } });
    expect(warnings(h)).toContain(
      "discord: watched channel 123456789012345678 is not visible to the bot (wrong id, or no View Channel)",
    );
  });

  it("refuses a bad token with a sentence that names DISCORD_TOKEN", async () => {
    const fake = await FakeDiscord.start();
    try {
      await expect(
        startDiscord({
          config: {
            token: "wrong",
            apiUrl: fake.apiUrl,
            channels: [],
            staffRoles: [],
            staffUsers: [],
            staffChannel: null,
            triageAll: false,
            maxAttachmentBytes: 1000,
            commandScope: "guild",
            shards: null,
          },
          conversation: new ConversationForTests(),
          logger: pino({ level: "silent" }),
        }),
      ).rejects.toThrow(/DISCORD_TOKEN/);
    } finally {
      await fake.close();
    }
  });
});
