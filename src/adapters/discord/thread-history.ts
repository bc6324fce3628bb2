import type { Message, ThreadChannel } from "discord.js";
import type { Action, ConversationPort } from "../../conversation/port.js";
import { type IncomingContext, messageToEvent } from "./incoming.js";

/** Enough for a help thread; Discord returns at most 100 per page. */
const HISTORY_LIMIT = 50;

/**
 * Feeds a thread's earlier messages to the engine (oldest first), for /triage, the context menu
 * and commands in a thread the bot has not seen this run. The engine dedupes by message id, so
 * reading a thread twice costs nothing but time. Returns the actions, to be collapsed.
 */
export async function ingestHistory(
  thread: ThreadChannel,
  conversation: ConversationPort,
  ctx: IncomingContext,
): Promise<Action[]> {
  const fetched = await thread.messages.fetch({ limit: HISTORY_LIMIT });
  const messages: Message<true>[] = [...fetched.values()].reverse();
  // A thread opened on a channel message keeps that message (its question) in the parent.
  if (!messages.some((m) => m.id === thread.id)) {
    const starter = await thread.fetchStarterMessage().catch(() => null);
    if (starter) messages.unshift(starter as Message<true>);
  }
  const actions: Action[] = [];
  for (const message of messages) {
    if (message.author.bot || message.system) continue;
    actions.push(
      ...(await conversation.receive(await messageToEvent(message, thread, "message", ctx))),
    );
  }
  return actions;
}
