import type { Client, Message, ThreadChannel } from "discord.js";
import type { Logger } from "pino";
import type { ConversationPort } from "../../conversation/port.js";
import type { ThreadQueue } from "../thread-queue.js";
import type { Download } from "./attachments.js";
import type { DiscordConfig } from "./config.js";
import { messageToEvent } from "./incoming.js";
import type { ActionPerformer } from "./perform.js";
import { looksLikeRateLimit } from "./relevance.js";
import { isWatched, threadName } from "./watch.js";

export interface RouterDeps {
  client: Client;
  config: DiscordConfig;
  conversation: ConversationPort;
  performer: ActionPerformer;
  queue: ThreadQueue;
  /** Threads the bot takes part in (this process): every message there reaches the engine. */
  engaged: Set<string>;
  logger: Logger;
  download?: Download;
}

/**
 * Decides which messages reach the engine. In watched channels a new post that looks like a rate
 * limit (or any, with DISCORD_TRIAGE_ALL) starts a conversation; a top-level message in a text
 * channel gets its own thread first, as one question per thread is the community norm. Elsewhere
 * only a mention does. Once the bot is in a thread, every message there is forwarded.
 */
export class MessageRouter {
  constructor(private readonly deps: RouterDeps) {}

  async onMessage(message: Message, kind: "message" | "edit"): Promise<void> {
    const { client, config, engaged } = this.deps;
    if (message.author.bot || message.webhookId || message.system || !message.inGuild()) return;
    const botId = client.user?.id;
    if (!botId) return;
    const mentioned = message.mentions.users.has(botId);
    const names = [...message.attachments.values()].map((a) => a.name);
    const channel = message.channel;
    let thread: ThreadChannel;
    if (channel.isThread()) {
      const wanted =
        isWatched(config, channel.parentId) &&
        (config.triageAll || looksLikeRateLimit(`${channel.name}\n${message.content}`, names));
      if (!engaged.has(channel.id) && !mentioned && !wanted) return;
      thread = channel;
    } else {
      if (kind === "edit") {
        // An edited question in a channel belongs to the thread the bot opened on it.
        if (!engaged.has(message.id) || !message.thread) return;
        await this.forward(message, message.thread, kind);
        return;
      }
      const wanted =
        isWatched(config, channel.id) &&
        (config.triageAll || looksLikeRateLimit(message.content, names));
      if (!mentioned && !wanted) return;
      thread = message.thread ?? (await message.startThread({ name: threadName(message.content) }));
    }
    engaged.add(thread.id);
    await this.forward(message, thread, kind);
  }

  private forward(message: Message<true>, thread: ThreadChannel, kind: "message" | "edit") {
    const { client, config, conversation, performer, queue, download } = this.deps;
    return queue.run(thread.id, async () => {
      const event = await messageToEvent(message, thread, kind, {
        config,
        botId: client.user?.id ?? "",
        ...(download ? { download } : {}),
      });
      await performer.perform(await conversation.receive(event));
    });
  }
}
