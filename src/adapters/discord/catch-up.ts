import {
  type AnyThreadChannel,
  type Channel,
  ChannelType,
  type Client,
  type Message,
  type TextChannel,
} from "discord.js";
import type { Logger } from "pino";
import type { KeyedQueue } from "../../conversation/keyed-queue.js";
import type { ConversationPort } from "../../conversation/port.js";
import type { IncomingContext } from "./incoming.js";
import { ingestHistory } from "./thread-history.js";
import { threadIdOf, threadKey } from "./thread-key.js";
import { isWatched, wantedInThread } from "./watch.js";

/** Threads read back at start-up, most recently active first: enough for a restart or an outage. */
const MAX_THREADS = 100;
/** Open threads read back at the same time at start-up. */
const READ_BACK_AT_ONCE = 4;
/** A watched text channel's latest messages looked at (one page of Discord's history). */
const CHANNEL_PAGE = 50;
/**
 * How old an unanswered channel message may be to be answered at start-up: a thread's default
 * auto-archive time, so a new install or a long outage does not answer a week of old questions.
 */
const CHANNEL_WINDOW_MS = 24 * 60 * 60 * 1000;

interface CatchUpDeps {
  client: Client;
  conversation: ConversationPort;
  queue: KeyedQueue;
  ctx: IncomingContext;
  logger: Logger;
  /** The message router's way in for a text channel's message (it opens the thread). */
  channelMessage: (message: Message) => Promise<void>;
  now?: () => Date;
}

/**
 * Reads back at start-up what the gateway will not replay to a new session: the open threads'
 * latest messages (a reporter's answer from while the bot was down, or one it was killed before
 * storing), then new posts the store has never seen, then channel messages whose thread was never
 * opened. The engine dedupes by message id, so known messages cost nothing.
 */
export async function catchUp(deps: CatchUpDeps): Promise<void> {
  const { client, conversation } = deps;
  const open = (await conversation.openThreads("discord:")).slice(0, MAX_THREADS);
  const ids = open.map((t) => threadIdOf(t.key)).filter((id): id is string => id !== null);
  // Each thread is its own queue: read side by side, a start waits on fewer round trips.
  await eachAtMost(READ_BACK_AT_ONCE, ids, (id) =>
    readBack(deps, id, () => client.channels.fetch(id)),
  );
  await readUnseenPosts(deps);
  await readUnthreadedMessages(deps);
}

/**
 * Recent messages of watched text channels that have no thread and that the store never saw: a
 * question whose bot died before it opened the thread (the thread is where the answer goes, and
 * what the store keys it by). Each goes through the message router as if it had just arrived, so
 * the same gate decides and the thread is opened once.
 */
async function readUnthreadedMessages(deps: CatchUpDeps): Promise<void> {
  const { client, conversation, ctx, logger } = deps;
  const since = (deps.now?.() ?? new Date()).getTime() - CHANNEL_WINDOW_MS;
  const channels = [...client.channels.cache.values()].filter(
    (c): c is TextChannel => c.type === ChannelType.GuildText && isWatched(ctx.config, c.id),
  );
  for (const channel of channels) {
    try {
      const page = await channel.messages.fetch({ limit: CHANNEL_PAGE });
      // Oldest first, as they were asked.
      for (const message of [...page.values()].reverse()) {
        if (message.createdTimestamp < since || message.author.bot || message.thread) continue;
        if (await conversation.knows(message.id)) continue;
        await deps.channelMessage(message);
      }
    } catch (error) {
      // No history permission, or a message whose thread is archived: the next channel still.
      logger.info({ err: error, channel: channel.id }, "discord: could not read a channel back");
    }
  }
}

/**
 * Active threads of watched channels that the store has never seen and that the bot would have
 * answered: a new post whose MESSAGE_CREATE died with an earlier process before it was stored.
 * Discord lists a guild's active threads in GUILD_CREATE, so they are in the cache already.
 */
async function readUnseenPosts(deps: CatchUpDeps): Promise<void> {
  const { client, conversation, ctx } = deps;
  const threads = [...client.channels.cache.values()]
    .filter((c): c is AnyThreadChannel => c.isThread() && isWatched(ctx.config, c.parentId))
    // Newest first (ids grow with time), and a bounded number of look-ups per start.
    .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
    .slice(0, MAX_THREADS);
  for (const thread of threads) {
    if (await conversation.watches(threadKey(thread.id))) continue;
    const starter = await thread.fetchStarterMessage().catch(() => null);
    if (!starter || starter.author.bot) continue;
    const fileNames = [...starter.attachments.values()].map((a) => a.name);
    const wanted =
      starter.mentions.users.has(ctx.botId) ||
      wantedInThread(ctx.config, thread, { content: starter.content, fileNames });
    if (wanted) await readBack(deps, thread.id, async () => thread);
  }
}

/** Feeds one thread's recent messages to the engine in the thread's queue; a failure is logged. */
async function readBack(
  deps: CatchUpDeps,
  id: string,
  channelOf: () => Promise<Channel | null>,
): Promise<void> {
  const { conversation, queue, ctx, logger } = deps;
  try {
    const channel = await channelOf();
    if (!channel?.isThread()) return;
    await queue.run(id, () => ingestHistory(channel, conversation, ctx).then(() => undefined));
  } catch (error) {
    // A deleted thread or a lost permission: the others are still read.
    logger.info({ err: error, threadKey: threadKey(id) }, "discord: could not read a thread back");
  }
}

/** Runs `work` on every item, at most `limit` at a time. */
async function eachAtMost<T>(
  limit: number,
  items: readonly T[],
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
