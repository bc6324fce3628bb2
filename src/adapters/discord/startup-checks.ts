import {
  ApplicationFlagsBitField,
  ChannelType,
  type Client,
  type GuildBasedChannel,
  PermissionFlagsBits,
  PermissionsBitField,
} from "discord.js";
import type { Logger } from "pino";
import type { DiscordConfig } from "./config.js";

type Flag = keyof typeof PermissionFlagsBits;

/** What the bot needs to answer in each kind of channel, and what only some features need. */
const NEEDS: Record<"forum" | "text" | "staff", { required: Flag[]; optional: Flag[] }> = {
  forum: {
    required: ["ViewChannel", "SendMessagesInThreads", "ReadMessageHistory", "EmbedLinks"],
    // Tagging others' posts needs Manage Threads; creating missing tags needs Manage Channels.
    optional: ["ManageThreads", "ManageChannels"],
  },
  text: {
    required: [
      "ViewChannel",
      "SendMessages",
      "SendMessagesInThreads",
      "CreatePublicThreads",
      "ReadMessageHistory",
      "EmbedLinks",
    ],
    optional: [],
  },
  staff: { required: ["ViewChannel", "SendMessages", "EmbedLinks"], optional: [] },
};

/** The permission integer the invite URL in docs/discord.md asks for: every flag above. */
export const INVITE_PERMISSIONS = new PermissionsBitField(
  [...new Set(Object.values(NEEDS).flatMap((n) => [...n.required, ...n.optional]))].map(
    (f) => PermissionFlagsBits[f],
  ),
).bitfield;

function missing(channel: GuildBasedChannel, flags: Flag[]): Flag[] {
  const me = channel.guild.members.me;
  const perms = me ? channel.permissionsFor(me) : null;
  return flags.filter((f) => !perms?.has(PermissionFlagsBits[f]));
}

function kindOf(channel: GuildBasedChannel): "forum" | "text" | null {
  if (channel.type === ChannelType.GuildForum) return "forum";
  if (channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement)
    return "text";
  return null;
}

/**
 * With only some of the shards, a channel missing from the cache may be in another process's
 * guild: Discord still returns it over REST, and discord.js builds no channel for it (null).
 */
async function onAnotherShard(
  client: Client<true>,
  config: DiscordConfig,
  id: string,
): Promise<boolean> {
  const plan = config.shards;
  if (plan === null || plan === "auto" || plan.ids.length === plan.count) return false;
  return (await client.channels.fetch(id).catch(() => undefined)) === null;
}

/**
 * Says at startup what is missing, one log line per problem: the Message Content intent (without
 * it pasted errors arrive empty) and, per watched channel and the staff channel, the permissions
 * the bot lacks. Nothing here stops the bot: a fix in the server settings takes effect live.
 */
export async function checkSetup(
  client: Client<true>,
  config: DiscordConfig,
  logger: Logger,
): Promise<number> {
  let problems = 0;
  const flags = new ApplicationFlagsBitField(client.application.flags ?? 0);
  if (
    !flags.has(ApplicationFlagsBitField.Flags.GatewayMessageContent) &&
    !flags.has(ApplicationFlagsBitField.Flags.GatewayMessageContentLimited)
  ) {
    problems++;
    logger.warn(
      "discord: the Message Content intent is not enabled for this application (Developer Portal → Bot → Privileged Gateway Intents); pasted errors will arrive empty",
    );
  }
  const channels: Array<{ id: string; role: "watched" | "staff" }> = config.channels.map((id) => ({
    id,
    role: "watched",
  }));
  if (config.staffChannel) channels.push({ id: config.staffChannel, role: "staff" });
  for (const { id, role } of channels) {
    const channel = client.channels.cache.get(id);
    if (!channel && (await onAnotherShard(client, config, id))) {
      logger.info(
        { channelId: id },
        `discord: ${role} channel ${id} is in a guild of another shard: the process running that shard checks it`,
      );
      continue;
    }
    if (!channel || channel.isDMBased()) {
      problems++;
      logger.warn(
        { channelId: id },
        `discord: ${role} channel ${id} is not visible to the bot (wrong id, or no View Channel)`,
      );
      continue;
    }
    const kind = role === "staff" ? "staff" : kindOf(channel);
    if (!kind) {
      problems++;
      logger.warn(
        { channelId: id },
        `discord: channel #${channel.name} (${id}) is neither a forum nor a text channel`,
      );
      continue;
    }
    const lacking = missing(channel, NEEDS[kind].required);
    const lackingOptional = missing(channel, NEEDS[kind].optional);
    if (lacking.length === 0 && lackingOptional.length === 0) continue;
    problems++;
    const parts = [
      lacking.length > 0 ? `missing ${lacking.join(", ")} (replies fail)` : null,
      lackingOptional.length > 0
        ? `missing ${lackingOptional.join(", ")} (forum tags are skipped)`
        : null,
    ].filter(Boolean);
    logger.warn(
      { channelId: id, missing: [...lacking, ...lackingOptional] },
      `discord: ${kind} channel #${channel.name} (${id}): ${parts.join("; ")}`,
    );
  }
  return problems;
}
