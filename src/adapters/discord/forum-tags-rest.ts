import { ChannelType, DiscordAPIError, type REST, Routes } from "discord.js";
import type { Logger } from "pino";

/** A channel as Discord's REST API returns it: only the fields tags need. */
interface RawChannel {
  id: string;
  type: number;
  parent_id?: string | null;
  applied_tags?: string[];
  available_tags?: RawTag[];
}

interface RawTag {
  id: string;
  name: string;
  moderated?: boolean;
  emoji_id?: string | null;
  emoji_name?: string | null;
}

export interface TagRules {
  /** Lower-case names of every lifecycle tag (one is applied at a time). */
  lifecycle: ReadonlySet<string>;
  maxForumTags: number;
  maxApplied: number;
}

const THREADS: ReadonlySet<number> = new Set([
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
]);

const byName = (tags: readonly RawTag[], name: string) =>
  tags.find((t) => t.name.toLowerCase() === name);

/** Missing Access or Missing Permissions: the bot may not do this, which is not an error. */
function refused(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.status === 403;
}

/**
 * The lifecycle tag of a forum post in a guild this process does not hold: with sharding, a
 * replica may send the state change of a thread on another process's shard, and discord.js only
 * builds channels of guilds its own shards received. The same rules as `ForumTags`, read and
 * written through REST; the permission check is Discord's own answer (403), logged and skipped.
 */
export async function syncTagsByRest(
  rest: REST,
  threadId: string,
  wanted: string | null,
  rules: TagRules,
  logger: Logger,
): Promise<void> {
  const thread = (await rest.get(Routes.channel(threadId))) as RawChannel;
  if (!THREADS.has(thread.type) || !thread.parent_id) return;
  const forum = (await rest.get(Routes.channel(thread.parent_id))) as RawChannel;
  if (forum.type !== ChannelType.GuildForum) return; // threads in text channels have no tags
  let available = forum.available_tags ?? [];
  let tag = wanted ? byName(available, wanted) : undefined;
  if (wanted && !tag && available.length < rules.maxForumTags) {
    try {
      const updated = (await rest.patch(Routes.channel(forum.id), {
        body: { available_tags: [...available, { name: wanted, moderated: false }] },
      })) as RawChannel;
      available = updated.available_tags ?? available;
      tag = byName(available, wanted);
      logger.info({ forumId: forum.id, tag: wanted }, `created forum tag "${wanted}"`);
    } catch (error) {
      if (!refused(error)) throw error;
      logger.info({ forumId: forum.id, tag: wanted }, "forum tag missing, not allowed to create");
    }
  }
  const lifecycle = new Set(
    available.filter((t) => rules.lifecycle.has(t.name.toLowerCase())).map((t) => t.id),
  );
  const applied = thread.applied_tags ?? [];
  const kept = applied.filter((id) => !lifecycle.has(id));
  const next = tag ? [...kept.slice(0, rules.maxApplied - 1), tag.id] : kept;
  if (next.length === applied.length && next.every((id) => applied.includes(id))) return;
  try {
    await rest.patch(Routes.channel(threadId), { body: { applied_tags: next } });
  } catch (error) {
    if (!refused(error)) throw error;
    logger.info(
      { threadId, tag: wanted },
      "forum tag not applied: the bot needs Manage Threads to tag posts it did not create",
    );
  }
}
