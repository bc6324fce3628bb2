import type { Logger } from "pino";
import type { Action, ConversationPort } from "../../conversation/port.js";
import type { RedactedText } from "../../core/redact/types.js";
import type { ActionRow, Button } from "../../render/discord/api-shapes.js";
import { handoffCardMessage } from "../../render/discord/handoff-card.js";
import { issueButtons } from "../../render/discord/issue-buttons.js";
import { replyMessages, textMessages } from "../../render/discord/reply-messages.js";
import type { DiscordConfig } from "./config.js";
import type { ForumTags } from "./forum-tags.js";
import type { Outbox } from "./outbox.js";
import { threadIdOf } from "./thread-key.js";

/** How a batch of actions is delivered when it answers an interaction. */
export interface PerformContext {
  /** Answers only the person who ran the command (Discord ephemeral), with buttons under it. */
  ephemeral?: (text: RedactedText, rows?: Array<ActionRow<Button>>) => Promise<void>;
  /** /diagnose: the verdict goes to the person who asked, not into the thread. */
  repliesAsEphemeral?: boolean;
}

/**
 * A batch collected over several engine calls (a thread's history, then a command): only the
 * last reply per thread is posted, and consecutive state moves become one, so reading 30 old
 * messages produces one reply and one tag change, not 30.
 */
export function collapse(actions: readonly Action[]): Action[] {
  const lastReply = new Map<string, Action>();
  for (const a of actions) if (a.type === "reply") lastReply.set(a.threadKey, a);
  const out: Action[] = [];
  for (const a of actions) {
    if (a.type === "reply" && lastReply.get(a.threadKey) !== a) continue;
    const previous = out.at(-1);
    if (a.type === "state" && previous?.type === "state" && previous.threadKey === a.threadKey) {
      out[out.length - 1] = { ...previous, to: a.to };
      continue;
    }
    out.push(a);
  }
  return out.filter((a) => a.type !== "state" || a.from !== a.to);
}

/** Executes the engine's actions as Discord calls; holds no triage logic. */
export class ActionPerformer {
  constructor(
    private readonly deps: {
      outbox: Outbox;
      tags: ForumTags;
      conversation: ConversationPort;
      config: DiscordConfig;
      logger: Logger;
    },
  ) {}

  /** Runs each action in order; one that fails is logged and the rest still run. */
  async perform(actions: readonly Action[], ctx: PerformContext = {}): Promise<void> {
    for (const action of actions) {
      try {
        await this.one(action, ctx);
      } catch (error) {
        this.deps.logger.error({ err: error, action: action.type }, "discord action failed");
      }
    }
  }

  private async one(action: Action, ctx: PerformContext): Promise<void> {
    const { outbox, conversation, logger } = this.deps;
    switch (action.type) {
      case "reply": {
        if (ctx.repliesAsEphemeral && ctx.ephemeral) return ctx.ephemeral(action.text);
        const threadId = this.threadId(action.threadKey);
        const parts = replyMessages(action.text, action.report);
        const id = action.replaces
          ? await outbox.editAll(threadId, action.replaces, parts)
          : await outbox.postAll(threadId, parts);
        return conversation.recordSent(action.threadKey, action, id);
      }
      case "notice": {
        const id = await outbox.postAll(this.threadId(action.threadKey), textMessages(action.text));
        return conversation.recordSent(action.threadKey, action, id);
      }
      case "ephemeral":
        // An /issue preview's filing choices become buttons bound to the thread.
        if (ctx.ephemeral) {
          const threadId = threadIdOf(action.threadKey);
          return ctx.ephemeral(action.text, threadId ? issueButtons(threadId, action.issue) : []);
        }
        logger.debug(
          { threadKey: action.threadKey },
          "ephemeral answer with no interaction to carry it",
        );
        return;
      case "state":
        return this.deps.tags.sync(this.threadId(action.threadKey), action.to);
      case "handoff_card": {
        const staffChannel = this.deps.config.staffChannel;
        if (!staffChannel) {
          logger.info(
            { threadKey: action.card.threadKey },
            "handoff card not posted: DISCORD_STAFF_CHANNEL is not set",
          );
          return;
        }
        const message = handoffCardMessage(action.card, this.threadId(action.card.threadKey));
        const id = action.replaces
          ? await outbox.editAll(staffChannel, action.replaces, [message])
          : await outbox.postAll(staffChannel, [message]);
        return conversation.recordSent(action.card.threadKey, action, id);
      }
    }
  }

  private threadId(key: string): string {
    const id = threadIdOf(key);
    if (id === null) throw new Error(`not a Discord thread key: ${key}`);
    return id;
  }
}

/** Whether an action is this adapter's to perform (for actions routed from the scheduler). */
export function isDiscordAction(action: Action): boolean {
  const key = action.type === "handoff_card" ? action.card.threadKey : action.threadKey;
  return threadIdOf(key) !== null;
}
