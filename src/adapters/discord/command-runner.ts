import type { RepliableInteraction, ThreadChannel } from "discord.js";
import type { Action, CommandName } from "../../conversation/port.js";
import { toAuthor } from "./authors.js";
import type { EphemeralAnswer } from "./interaction-reply.js";
import type { RouterDeps } from "./message-router.js";
import { ingestHistory } from "./thread-history.js";
import { threadKey } from "./thread-key.js";

/** The same wiring the message router gets, without its logger. */
export type RunnerDeps = Omit<RouterDeps, "logger">;

/** What the person who ran a command sees when the engine had nothing to tell them directly. */
function confirmation(name: CommandName, actions: readonly Action[]): string {
  const replied = actions.some((a) => a.type === "reply");
  switch (name) {
    case "triage":
      return replied
        ? "Done: the triage is in the thread."
        : "Nothing new: the reply in the thread is current.";
    case "diagnose":
      return "No verdict yet: paste the error in the thread first.";
    case "handoff":
      return "Handed off: staff have been told.";
    case "solved":
      return "Marked solved. Thanks for closing the loop!";
    case "issue":
      return "No issue draft for this thread yet.";
    case "claim":
      return "It's yours: the thread has been told.";
    case "back_to_bot":
      return "The bot has the thread again.";
    case "card":
      return "Done.";
    case "issue_confirm":
      return "Nothing was filed.";
  }
}

/**
 * Runs a thread command for an interaction that has already been deferred: reads the thread's
 * history first when the store does not have the thread yet, asks the engine, performs the actions in
 * the thread's queue, and always leaves the person who asked with an answer.
 */
export class CommandRunner {
  constructor(private readonly deps: RunnerDeps) {}

  async run(
    interaction: RepliableInteraction,
    answer: EphemeralAnswer,
    name: CommandName,
    threadId: string,
    thread: ThreadChannel | null,
    argument?: string,
  ): Promise<void> {
    const { config, conversation, performer, queue, drain, client, download } = this.deps;
    const ctx = { config, botId: client.user?.id ?? "", ...(download ? { download } : {}) };
    const actions: Action[] = [];
    await queue.run(threadId, async () => {
      if (thread && !(await conversation.watches(threadKey(threadId))))
        actions.push(...(await ingestHistory(thread, conversation, ctx)));
      actions.push(
        ...(await conversation.command({
          platform: "discord",
          threadKey: threadKey(threadId),
          eventId: `interaction:${interaction.id}`,
          name,
          author: toAuthor(interaction.user, interaction.member, config),
          at: interaction.createdAt,
          ...(argument ? { argument } : {}),
        })),
      );
      await performer.inline(actions, {
        ephemeral: answer.send,
        repliesAsEphemeral: name === "diagnose",
      });
      await drain();
    });
    if (!answer.used) await answer.send(confirmation(name, actions));
  }
}
