import { describe, expect, it } from "vitest";
import {
  DISCORD_API_DEFAULT,
  DiscordConfigError,
  discordConfigFromApp,
  loadDiscordConfig,
} from "../../../src/adapters/discord/config.js";

describe("loadDiscordConfig", () => {
  it("is null when DISCORD_TOKEN is unset: Discord does not run", () => {
    expect(loadDiscordConfig({})).toBeNull();
    expect(loadDiscordConfig({ DISCORD_TOKEN: "  " })).toBeNull();
  });

  it("fills defaults", () => {
    expect(loadDiscordConfig({ DISCORD_TOKEN: "t" })).toEqual({
      token: "t",
      apiUrl: DISCORD_API_DEFAULT,
      channels: [],
      staffRoles: [],
      staffUsers: [],
      staffChannel: null,
      triageAll: false,
      maxAttachmentBytes: 1_000_000,
      commandScope: "guild",
      shards: null,
    });
  });

  it("reads every variable; the API URL loses a trailing slash and version", () => {
    const config = loadDiscordConfig({
      DISCORD_TOKEN: "t",
      DISCORD_API_URL: "http://127.0.0.1:9999/api/v10/",
      DISCORD_CHANNELS: "111111111111111111, 222222222222222222",
      DISCORD_STAFF_ROLES: "333333333333333333",
      DISCORD_STAFF_USERS: "444444444444444444",
      DISCORD_STAFF_CHANNEL: "555555555555555555",
      DISCORD_TRIAGE_ALL: "yes",
      DISCORD_MAX_ATTACHMENT_BYTES: "5000000",
      DISCORD_COMMAND_SCOPE: "global",
    });
    expect(config).toMatchObject({
      apiUrl: "http://127.0.0.1:9999/api",
      channels: ["111111111111111111", "222222222222222222"],
      staffRoles: ["333333333333333333"],
      staffUsers: ["444444444444444444"],
      staffChannel: "555555555555555555",
      triageAll: true,
      maxAttachmentBytes: 5_000_000,
      commandScope: "global",
    });
  });

  it.each([
    ["DISCORD_CHANNELS", "help-forum"],
    ["DISCORD_STAFF_ROLES", "staff"],
    ["DISCORD_STAFF_CHANNEL", "#staff"],
    ["DISCORD_API_URL", "discord.com"],
    ["DISCORD_TRIAGE_ALL", "maybe"],
    ["DISCORD_MAX_ATTACHMENT_BYTES", "-1"],
    ["DISCORD_COMMAND_SCOPE", "server"],
  ])("names %s when its value is wrong", (variable, value) => {
    let caught: unknown;
    try {
      loadDiscordConfig({ DISCORD_TOKEN: "t", [variable]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DiscordConfigError);
    expect((caught as DiscordConfigError).variable).toBe(variable);
    expect((caught as Error).message.startsWith(`${variable}: `)).toBe(true);
  });
});

describe("sharding: DISCORD_SHARD_COUNT and DISCORD_SHARDS", () => {
  const load = (env: Record<string, string>) =>
    loadDiscordConfig({ DISCORD_TOKEN: "t", ...env })?.shards;
  const problem = (env: Record<string, string>) => {
    try {
      load(env);
    } catch (error) {
      if (error instanceof DiscordConfigError) return error.message;
      throw error;
    }
    return null;
  };

  it("a count alone runs every shard in this process; ids and ranges pick some", () => {
    expect(load({})).toBeNull();
    expect(load({ DISCORD_SHARD_COUNT: "auto" })).toBe("auto");
    expect(load({ DISCORD_SHARD_COUNT: "3" })).toEqual({ count: 3, ids: [0, 1, 2] });
    expect(load({ DISCORD_SHARD_COUNT: "8", DISCORD_SHARDS: "6, 0-2,1" })).toEqual({
      count: 8,
      ids: [0, 1, 2, 6],
    });
  });

  it("ids need a count, below it; a bad value names its variable", () => {
    expect(problem({ DISCORD_SHARDS: "0" })).toBe(
      "DISCORD_SHARDS: needs DISCORD_SHARD_COUNT, the number of shards of all processes",
    );
    expect(problem({ DISCORD_SHARD_COUNT: "2", DISCORD_SHARDS: "1,2" })).toBe(
      "DISCORD_SHARDS: shard 2 is not below DISCORD_SHARD_COUNT=2 (ids count from 0)",
    );
    expect(problem({ DISCORD_SHARD_COUNT: "0" })).toMatch(/^DISCORD_SHARD_COUNT: must be/);
    expect(problem({ DISCORD_SHARD_COUNT: "2", DISCORD_SHARDS: "first" })).toMatch(
      /^DISCORD_SHARDS: must be shard ids and ranges/,
    );
  });
});

describe("discordConfigFromApp", () => {
  it("takes the contract settings from the app's config and the Discord-only ones from env", () => {
    const app = {
      discord: {
        token: "from-file",
        apiUrl: null,
        channels: ["111111111111111111"],
        staffRoles: [],
        staffChannel: "555555555555555555",
      },
    };
    const env = { DISCORD_TOKEN: "from-env", DISCORD_TRIAGE_ALL: "1", DISCORD_CHANNELS: "999999" };
    expect(discordConfigFromApp(app, env)).toMatchObject({
      token: "from-file",
      apiUrl: DISCORD_API_DEFAULT,
      channels: ["111111111111111111"],
      staffChannel: "555555555555555555",
      triageAll: true,
    });
    expect(discordConfigFromApp({ discord: null }, env)).toBeNull();
  });
});
