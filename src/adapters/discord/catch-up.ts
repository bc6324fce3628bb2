import type { AnyThreadChannel, Channel, Client } from "discord.js";
import type { Logger } from "pino";
import type { KeyedQueue } from "../../conversation/keyed-queue.js";
import type { ConversationPort } from "../../conversation/port.js";
import type { IncomingContext } from "./incoming.js";
import { ingestHistory } from "./thread-history.js";
import { threadIdOf, threadKey } from "./thread-key.js";
import { isWatched, wantedInThread } from "./watch.js";

/** Threads read back at start-up, most recently active first: enough for a restart or an outage. */
const MAX_THREADS = 100;

interface CatchUpDeps {
  client: Client;
  conversation: ConversationPort;
  queue: KeyedQueue;
  ctx: IncomingContext;
  logger: Logger;
}

/**
 * Reads back at start-up what the gateway will not replay to a new session: the open threads'
 * latest messages (a reporter's answer from while the bot was down, or one it was killed before
 * storing), then new posts the store has never seen. The engine dedupes by message id, so known
 * messages cost nothing.
 */
export async function catchUp(deps: CatchUpDeps): Promise<void> {
  const { client, conversation } = deps;
  const open = (await conversation.openThreads("discord:")).slice(0, MAX_THREADS);
  for (const thread of open) {
    const id = threadIdOf(thread.key);
    if (id === null) continue;
    await readBack(deps, id, () => client.channels.fetch(id));
  }
  await readUnseenPosts(deps);
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
