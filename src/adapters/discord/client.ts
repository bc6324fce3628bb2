import {
  Client,
  type ClientOptions,
  GatewayIntentBits,
  type MessageMentionOptions,
  Partials,
} from "discord.js";
import type { DiscordConfig } from "./config.js";

/**
 * Never ping: a pasted `@everyone`, a role or a user mention in text the bot quotes stays inert.
 * Set as the client default and again on every call, so no path can forget it.
 */
export const NO_PINGS: MessageMentionOptions = { parse: [], repliedUser: false };
/** The same in Discord's own JSON, for raw REST bodies. */
export const NO_PINGS_JSON = { parse: [] as string[] };

/** MessageContent is privileged (2022-09-01): without it pasted errors arrive empty. */
export const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
];

/**
 * discord.js's own sharding: the client connects one gateway session per shard id it is given,
 * and Discord sends each guild's events to one shard only. Unset: one shard, as before.
 */
function shardOptions(config: DiscordConfig): Pick<ClientOptions, "shards" | "shardCount"> {
  if (config.shards === null) return {};
  if (config.shards === "auto") return { shards: "auto" };
  return { shards: config.shards.ids, shardCount: config.shards.count };
}

export function createDiscordClient(config: DiscordConfig): Client {
  return new Client({
    intents: INTENTS,
    allowedMentions: NO_PINGS,
    // An edit of a message sent before this process started is not in the cache: without the
    // partial, discord.js drops the event, and an edited question after a restart goes unseen.
    partials: [Partials.Message],
    // discord.js's REST queues per route bucket and waits out Retry-After (and the global limit).
    rest: { api: config.apiUrl },
    ...shardOptions(config),
  });
}
