import type { Client } from "discord.js";
import type { Logger } from "pino";
import type { KeyedQueue } from "../../conversation/keyed-queue.js";
import type { ConversationPort } from "../../conversation/port.js";
import type { IncomingContext } from "./incoming.js";
import { ingestHistory } from "./thread-history.js";
import { threadIdOf } from "./thread-key.js";

/** Threads read back at start-up, most recently active first: enough for a restart or an outage. */
const MAX_THREADS = 100;

/**
 * Reads back the open threads' latest messages at start-up. The gateway does not replay what was
 * said while the bot was down (or killed before storing it), so a reporter's answer from that
 * time is read from the thread; the engine dedupes by message id, so known messages cost nothing.
 */
export async function catchUp(deps: {
  client: Client;
  conversation: ConversationPort;
  queue: KeyedQueue;
  ctx: IncomingContext;
  logger: Logger;
}): Promise<void> {
  const { client, conversation, queue, ctx, logger } = deps;
  const open = (await conversation.openThreads("discord:")).slice(0, MAX_THREADS);
  for (const thread of open) {
    const id = threadIdOf(thread.key);
    if (id === null) continue;
    try {
      const channel = await client.channels.fetch(id);
      if (!channel?.isThread()) continue;
      await queue.run(id, () => ingestHistory(channel, conversation, ctx).then(() => undefined));
    } catch (error) {
      // A deleted thread or a lost permission: the others are still read.
      logger.info({ err: error, threadKey: thread.key }, "discord: could not read a thread back");
    }
  }
}
