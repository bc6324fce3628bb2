import { Snowflakes } from "./snowflake.js";

/** Permission bits the fake grants or withholds (Discord's values). */
export const PERMS = {
  ManageChannels: 1n << 4n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  SendMessagesInThreads: 1n << 38n,
} as const;
export const ALL_BOT_PERMS = Object.values(PERMS).reduce((a, b) => a | b, 0n);

export const ChannelKind = { Text: 0, PublicThread: 11, Forum: 15 } as const;

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot: boolean;
}

export interface ForumTag {
  id: string;
  name: string;
  moderated: boolean;
  emoji_id: null;
  emoji_name: string | null;
}

export type FakeChannel = Record<string, unknown> & {
  id: string;
  type: number;
  name: string;
  parent_id: string | null;
  available_tags?: ForumTag[];
  applied_tags?: string[];
  owner_id?: string;
};

export type FakeMessage = Record<string, unknown> & {
  id: string;
  channel_id: string;
  author: FakeUser;
  content: string;
};

export interface FakeAttachment {
  name: string;
  body: Buffer;
}

export interface WorldOptions {
  /** Bot role permissions; all it needs by default. */
  botPermissions?: bigint;
}

/** A guild beside the first one: its own help forum and text channel (the users are shared). */
export interface ExtraGuild {
  id: string;
  forum: FakeChannel;
  text: FakeChannel;
}

/**
 * The guilds' state: users, roles, channels, threads and messages, as Discord would hold it. One
 * guild by default (`guildId`, `forum`, `text`, …); `addGuild` adds more, for sharding.
 */
export class World {
  readonly ids = new Snowflakes();
  /** Not a real token's shape on purpose: nothing here can reach Discord. */
  readonly token = "fake-bot-token-for-tests";
  readonly guildId = this.ids.next();
  readonly appId = this.ids.next();
  readonly botRoleId = this.ids.next();
  readonly staffRoleId = this.ids.next();
  readonly bot: FakeUser = this.user("triage-bot", true);
  readonly alice: FakeUser = this.user("alice");
  readonly bob: FakeUser = this.user("bob");
  readonly sam: FakeUser = this.user("sam-staff");
  readonly roles = new Map<string, string[]>([
    [this.bot.id, [this.botRoleId]],
    [this.alice.id, []],
    [this.bob.id, []],
    [this.sam.id, [this.staffRoleId]],
  ]);
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, FakeMessage>();
  readonly forum: FakeChannel;
  readonly text: FakeChannel;
  readonly staff: FakeChannel;
  readonly other: FakeChannel;
  readonly botPermissions: bigint;
  readonly extraGuilds = new Map<string, ExtraGuild>();

  constructor(options: WorldOptions = {}) {
    this.botPermissions = options.botPermissions ?? ALL_BOT_PERMS;
    this.forum = this.addChannel({
      type: ChannelKind.Forum,
      name: "help-forum",
      available_tags: [
        { id: this.ids.next(), name: "gemini", moderated: false, emoji_id: null, emoji_name: null },
      ],
    });
    this.text = this.addChannel({ type: ChannelKind.Text, name: "help" });
    this.staff = this.addChannel({ type: ChannelKind.Text, name: "staff-handoffs" });
    this.other = this.addChannel({ type: ChannelKind.Text, name: "general" });
  }

  /** Every guild's id, the first one first. */
  guildIds(): string[] {
    return [this.guildId, ...this.extraGuilds.keys()];
  }

  /** Another guild whose id puts it on shard `shardId` of `numShards`. */
  addGuild(shardId: number, numShards: number): ExtraGuild {
    const id = this.ids.onShard(shardId, numShards);
    const forum = this.addChannel({
      type: ChannelKind.Forum,
      name: "help-forum",
      guild_id: id,
      available_tags: [],
    });
    const text = this.addChannel({ type: ChannelKind.Text, name: "help", guild_id: id });
    const guild = { id, forum, text };
    this.extraGuilds.set(id, guild);
    return guild;
  }

  /** The guild a channel, thread or message's channel is in. */
  guildOf(channelId: string): string {
    const guildId = this.channels.get(channelId)?.guild_id;
    return typeof guildId === "string" ? guildId : this.guildId;
  }

  private user(name: string, bot = false): FakeUser {
    return {
      id: this.ids.next(),
      username: name,
      global_name: name,
      discriminator: "0",
      avatar: null,
      bot,
    };
  }

  addChannel(fields: Partial<FakeChannel> & { type: number; name: string }): FakeChannel {
    const channel: FakeChannel = {
      id: this.ids.next(),
      guild_id: this.guildId,
      position: this.channels.size,
      permission_overwrites: [],
      parent_id: null,
      nsfw: false,
      rate_limit_per_user: 0,
      flags: 0,
      topic: null,
      last_message_id: null,
      ...fields,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  addThread(parentId: string, ownerId: string, name: string, id = this.ids.next()): FakeChannel {
    return this.addChannel({
      id,
      guild_id: this.guildOf(parentId),
      type: ChannelKind.PublicThread,
      name,
      parent_id: parentId,
      owner_id: ownerId,
      applied_tags: [],
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 1440,
        archive_timestamp: new Date().toISOString(),
        locked: false,
        create_timestamp: new Date().toISOString(),
      },
    });
  }

  userById(id: string): FakeUser | undefined {
    return [this.bot, this.alice, this.bob, this.sam].find((u) => u.id === id);
  }

  member(user: FakeUser, withUser = true): Record<string, unknown> {
    return {
      ...(withUser ? { user } : {}),
      roles: this.roles.get(user.id) ?? [],
      nick: null,
      avatar: null,
      joined_at: "2026-01-01T00:00:00.000Z",
      premium_since: null,
      deaf: false,
      mute: false,
      pending: false,
      flags: 0,
    };
  }

  /** A message as Discord returns it; `mentions` lists the users named `<@id>` in the content. */
  addMessage(
    channelId: string,
    author: FakeUser,
    content: string,
    extra: Partial<FakeMessage> = {},
  ): FakeMessage {
    const mentioned = [...content.matchAll(/<@!?(\d+)>/g)]
      .map((m) => this.userById(m[1] ?? ""))
      .filter((u): u is FakeUser => u !== undefined);
    const message: FakeMessage = {
      id: this.ids.next(),
      channel_id: channelId,
      guild_id: this.guildOf(channelId),
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: mentioned,
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: 0,
      flags: 0,
      ...extra,
    };
    this.messages.set(message.id, message);
    const channel = this.channels.get(channelId);
    if (channel) channel.last_message_id = message.id;
    return message;
  }

  guildCreate(guildId = this.guildId): Record<string, unknown> {
    const roles = [
      { id: guildId, name: "@everyone", permissions: "0", position: 0 },
      {
        id: this.botRoleId,
        name: "triage-bot",
        permissions: String(this.botPermissions),
        position: 1,
      },
      { id: this.staffRoleId, name: "staff", permissions: "0", position: 2 },
    ].map((r) => ({
      color: 0,
      hoist: false,
      managed: false,
      mentionable: false,
      flags: 0,
      icon: null,
      unicode_emoji: null,
      ...r,
    }));
    const all = [...this.channels.values()].filter((c) => c.guild_id === guildId);
    return {
      id: guildId,
      name: guildId === this.guildId ? "Rate Limit Help" : `Rate Limit Help ${guildId.slice(-4)}`,
      icon: null,
      owner_id: this.sam.id,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      preferred_locale: "en-US",
      features: [],
      roles,
      emojis: [],
      stickers: [],
      channels: all.filter((c) => c.type !== ChannelKind.PublicThread),
      threads: all.filter((c) => c.type === ChannelKind.PublicThread),
      members: [this.bot, this.alice, this.bob, this.sam].map((u) => this.member(u)),
      member_count: 4,
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      large: false,
      unavailable: false,
      joined_at: "2026-01-01T00:00:00.000Z",
    };
  }
}
