import {
  ChannelType,
  type Client,
  DiscordAPIError,
  type ForumChannel,
  type GuildForumTag,
  PermissionFlagsBits,
  type ThreadChannel,
} from "discord.js";
import type { Logger } from "pino";
import type { LifecycleState } from "../../conversation/port.js";
import { syncTagsByRest } from "./forum-tags-rest.js";

/** The forum tag for each lifecycle state; states without one clear the lifecycle tag. */
export const LIFECYCLE_TAGS: Record<LifecycleState, string | null> = {
  new: null,
  awaiting_user: "needs-info",
  diagnosed: "diagnosed",
  handed_off: "handed-off",
  solved: "solved",
  closed_stale: null,
};
const NAMES = new Set(Object.values(LIFECYCLE_TAGS).filter((n): n is string => n !== null));
/** Discord: 20 tags per forum, 5 applied per post. */
const MAX_FORUM_TAGS = 20;
const MAX_APPLIED = 5;

const byName = (tags: readonly GuildForumTag[], name: string) =>
  tags.find((t) => t.name.toLowerCase() === name);

/**
 * Keeps a forum post's lifecycle tag in step with the conversation: one of needs-info,
 * diagnosed, handed-off, solved, the user's own tags kept. A missing tag is created when the bot
 * may manage the forum; anything it may not do is skipped with one log line, never an error.
 */
export class ForumTags {
  constructor(
    private readonly client: Client,
    private readonly logger: Logger,
  ) {}

  async sync(threadId: string, state: LifecycleState): Promise<void> {
    const wanted = LIFECYCLE_TAGS[state];
    // undefined: deleted, or no access. null: the thread is in a guild of another shard.
    const channel = await this.client.channels.fetch(threadId).catch(() => undefined);
    if (channel === null) return this.syncElsewhere(threadId, wanted);
    if (!channel?.isThread()) return;
    const forum = channel.parent;
    if (forum?.type !== ChannelType.GuildForum) return; // threads in text channels have no tags
    const tag = wanted ? await this.ensureTag(forum, wanted) : null;
    const lifecycle = new Set(
      forum.availableTags.filter((t) => NAMES.has(t.name.toLowerCase())).map((t) => t.id),
    );
    const kept = channel.appliedTags.filter((id) => !lifecycle.has(id));
    const next = tag ? [...kept.slice(0, MAX_APPLIED - 1), tag.id] : kept;
    if (
      next.length === channel.appliedTags.length &&
      next.every((id) => channel.appliedTags.includes(id))
    )
      return;
    if (!this.mayEditThread(channel)) {
      this.logger.info(
        { threadId, tag: wanted },
        "forum tag not applied: the bot needs Manage Threads to tag posts it did not create",
      );
      return;
    }
    await channel.setAppliedTags(next);
  }

  /** Through REST, for a guild this process's shards do not hold (see forum-tags-rest.ts). */
  private async syncElsewhere(threadId: string, wanted: string | null): Promise<void> {
    const rules = { lifecycle: NAMES, maxForumTags: MAX_FORUM_TAGS, maxApplied: MAX_APPLIED };
    try {
      await syncTagsByRest(this.client.rest, threadId, wanted, rules, this.logger);
    } catch (error) {
      // Gone since: nothing to tag. An outage is thrown, and the state change retried.
      if (error instanceof DiscordAPIError && error.status === 404) return;
      throw error;
    }
  }

  private async ensureTag(forum: ForumChannel, name: string): Promise<GuildForumTag | null> {
    const existing = byName(forum.availableTags, name);
    if (existing) return existing;
    const me = forum.guild.members.me;
    if (!me || !forum.permissionsFor(me).has(PermissionFlagsBits.ManageChannels)) {
      this.logger.info(
        { forumId: forum.id, tag: name },
        `forum tag "${name}" is missing and the bot lacks Manage Channels to create it: skipped`,
      );
      return null;
    }
    if (forum.availableTags.length >= MAX_FORUM_TAGS) {
      this.logger.info(
        { forumId: forum.id, tag: name },
        `forum has ${MAX_FORUM_TAGS} tags: "${name}" not created`,
      );
      return null;
    }
    const updated = await forum.setAvailableTags([
      ...forum.availableTags,
      { name, moderated: false },
    ]);
    this.logger.info({ forumId: forum.id, tag: name }, `created forum tag "${name}"`);
    return byName(updated.availableTags, name) ?? null;
  }

  private mayEditThread(thread: ThreadChannel): boolean {
    const me = thread.guild.members.me;
    if (!me) return false;
    return (
      thread.ownerId === me.id ||
      (thread.permissionsFor(me)?.has(PermissionFlagsBits.ManageThreads) ?? false)
    );
  }
}
