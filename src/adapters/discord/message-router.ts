import type { Client, Message, ThreadChannel } from "discord.js";
import type { Logger } from "pino";
import type { KeyedQueue } from "../../conversation/keyed-queue.js";
import type { ConversationPort } from "../../conversation/port.js";
import type { Download } from "./attachments.js";
import type { DiscordConfig } from "./config.js";
import { messageToEvent } from "./incoming.js";
import type { ActionPerformer } from "./perform.js";
import { looksLikeRateLimit } from "./relevance.js";
import { threadKey } from "./thread-key.js";
import { isWatched, threadName, wantedInThread } from "./watch.js";

export interface RouterDeps {
  client: Client;
  config: DiscordConfig;
  conversation: ConversationPort;
  performer: ActionPerformer;
  queue: KeyedQueue;
  /** Sends what the engine committed (the outbox drainer); resolves once it was tried. */
  drain: () => Promise<void>;
  logger: Logger;
  download?: Download;
}

/**
 * Decides which messages reach the engine. In watched channels a new post that looks like a rate
 * limit (or any, with DISCORD_TRIAGE_ALL) starts a conversation; a top-level message in a text
 * channel gets its own thread first, as one question per thread is the community norm. Elsewhere
 * only a mention does. Once the store has the thread, every message there is forwarded, also
 * after a restart.
 */
export class MessageRouter {
  constructor(private readonly deps: RouterDeps) {}

  async onMessage(message: Message, kind: "message" | "edit"): Promise<void> {
    const { client, config } = this.deps;
    if (message.author.bot || message.webhookId || message.system || !message.inGuild()) return;
    const botId = client.user?.id;
    if (!botId) return;
    const mentioned = message.mentions.users.has(botId);
    const names = [...message.attachments.values()].map((a) => a.name);
    const channel = message.channel;
    if (channel.isThread()) {
      const wanted = wantedInThread(config, channel, {
        content: message.content,
        fileNames: names,
      });
      await this.forward(message, channel, kind, mentioned || wanted);
      return;
    }
    if (kind === "edit") {
      // An edited question in a channel belongs to the thread the bot opened on it.
      if (message.thread) await this.forward(message, message.thread, kind, false);
      return;
    }
    const wanted =
      isWatched(config, channel.id) &&
      (config.triageAll || looksLikeRateLimit(message.content, names));
    if (!mentioned && !wanted) return;
    const thread =
      message.thread ?? (await message.startThread({ name: threadName(message.content) }));
    await this.forward(message, thread, kind, true);
  }

  /**
   * Hands the message to the engine in the thread's queue. Without `wanted`, only when the store
   * has the thread: asked inside the queue, so a reply right behind the question waits for the
   * question's commit instead of being dropped.
   */
  private forward(
    message: Message<true>,
    thread: ThreadChannel,
    kind: "message" | "edit",
    wanted: boolean,
  ) {
    const { client, config, conversation, performer, queue, drain, download } = this.deps;
    return queue.run(thread.id, async () => {
      if (!wanted && !(await conversation.watches(threadKey(thread.id)))) return;
      const event = await messageToEvent(message, thread, kind, {
        config,
        botId: client.user?.id ?? "",
        ...(download ? { download } : {}),
      });
      await performer.inline(await conversation.receive(event), {});
      // Inside the thread's queue: the next message of the thread is decided after this reply
      // has its platform id, so an edit finds it.
      await drain();
    });
  }
}
