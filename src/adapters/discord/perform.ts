import type { Logger } from "pino";
import type { Action } from "../../conversation/port.js";
import { trustedText } from "../../core/redact/redact.js";
import type { RedactedText } from "../../core/redact/types.js";
import { plainDoc } from "../../model/reply-doc.js";
import { CHART_FILE_NAME, replyChart } from "../../render/chart/reply-chart.js";
import type { ActionRow, Button, MessagePart } from "../../render/discord/api-shapes.js";
import { docContents } from "../../render/discord/doc-messages.js";
import { handoffCardMessage } from "../../render/discord/handoff-card.js";
import { issueButtons } from "../../render/discord/issue-buttons.js";
import { LIMITS } from "../../render/discord/limits.js";
import { replyMessages } from "../../render/discord/reply-messages.js";
import type { DiscordConfig } from "./config.js";
import type { ForumTags } from "./forum-tags.js";
import type { MessageFile, Outbox } from "./outbox.js";
import { threadIdOf } from "./thread-key.js";

/** How a batch of actions is delivered when it answers an interaction. */
export interface PerformContext {
  /** Answers only the person who ran the command (Discord ephemeral), with buttons under it. */
  ephemeral?: (text: RedactedText, rows?: Array<ActionRow<Button>>) => Promise<void>;
  /** /diagnose: the verdict goes to the person who asked, not into the thread. */
  repliesAsEphemeral?: boolean;
}

/**
 * Actions only the live interaction can carry: the answer to the person who ran a command, and
 * the /diagnose verdict shown to them alone. The engine stores these as "inline"; every other
 * action goes out through the outbox drainer.
 */
export function isInline(action: Action, ctx: PerformContext): boolean {
  return (
    action.type === "ephemeral" || (action.type === "reply" && ctx.repliesAsEphemeral === true)
  );
}

/** Executes the engine's actions as Discord calls; holds no triage logic. */
export class ActionPerformer {
  constructor(
    private readonly deps: {
      outbox: Outbox;
      tags: ForumTags;
      config: DiscordConfig;
      logger: Logger;
    },
  ) {}

  /** Answers the interaction with its inline actions; one that fails is logged, the rest still run. */
  async inline(actions: readonly Action[], ctx: PerformContext): Promise<void> {
    for (const action of actions.filter((a) => isInline(a, ctx))) {
      try {
        if (action.type === "reply") {
          // Cut from the reply's structure (what its redacted text was made from); each part fits
          // one message, so it is sent as it is.
          for (const content of docContents(action.doc ?? plainDoc(action.text)))
            await ctx.ephemeral?.(trustedText(content));
        } else if (action.type === "ephemeral") await this.ephemeral(action, ctx);
      } catch (error) {
        this.deps.logger.error({ err: error, action: action.type }, "discord answer failed");
      }
    }
  }

  /**
   * Sends one outbox action; resolves with the id of the message that carries it (null for a
   * tag change) and throws when Discord refused, for the drainer to retry or park it.
   */
  async deliver(action: Action): Promise<string | null> {
    const { outbox, logger } = this.deps;
    switch (action.type) {
      case "reply": {
        const threadId = this.threadId(action.threadKey);
        const parts = replyMessages(
          action.doc ?? plainDoc(action.text),
          action.report,
          action.local,
        );
        if (action.replaces) return outbox.editAll(threadId, action.replaces, parts);
        return outbox.postAll(threadId, parts, action.id, await this.chart(action));
      }
      case "notice":
        return outbox.postAll(this.threadId(action.threadKey), docParts(action), action.id);
      case "ephemeral":
        logger.debug(
          { threadKey: action.threadKey },
          "ephemeral answer with no interaction to carry it",
        );
        return null;
      case "state":
        await this.deps.tags.sync(this.threadId(action.threadKey), action.to);
        return null;
      case "handoff_card": {
        const staffChannel = this.deps.config.staffChannel;
        if (!staffChannel) {
          logger.info(
            { threadKey: action.card.threadKey },
            "handoff card not posted: DISCORD_STAFF_CHANNEL is not set",
          );
          return null;
        }
        const message = handoffCardMessage(action.card, this.threadId(action.card.threadKey));
        return action.replaces
          ? outbox.editAll(staffChannel, action.replaces, [message])
          : outbox.postAll(staffChannel, [message], action.id);
      }
      case "staff_alert":
        return this.staffAlert(action);
    }
  }

  private async staffAlert(action: Extract<Action, { type: "staff_alert" }>) {
    const staffChannel = this.deps.config.staffChannel;
    if (!staffChannel) {
      this.deps.logger.info(
        { threadKey: action.threadKey },
        "staff alert not posted: DISCORD_STAFF_CHANNEL is not set",
      );
      return null;
    }
    return this.deps.outbox.postAll(staffChannel, docParts(action), action.id);
  }

  private async ephemeral(action: Extract<Action, { type: "ephemeral" }>, ctx: PerformContext) {
    // An /issue preview's filing choices become buttons bound to the thread.
    const threadId = threadIdOf(action.threadKey);
    const rows = threadId ? issueButtons(threadId, action.issue) : [];
    // /card shows the card as the console's Markdown, which Discord reads as it is.
    if (action.card) return ctx.ephemeral?.(action.text, rows);
    const parts = docContents(action.doc ?? plainDoc(action.text), LIMITS.content, true);
    for (const [i, content] of parts.entries())
      await ctx.ephemeral?.(trustedText(content), i === parts.length - 1 ? rows : []);
  }

  /** The reply's timeline as a PNG attachment, or nothing when it failed or ran late (logged). */
  private async chart(
    action: Extract<Action, { type: "reply" }>,
  ): Promise<MessageFile | undefined> {
    if (!action.chart) return undefined;
    const chart = await replyChart(action.chart);
    if (!chart.ok) {
      this.deps.logger.warn(
        { threadKey: action.threadKey, reason: chart.reason },
        "reply sent without its chart",
      );
      return undefined;
    }
    this.deps.logger.debug({ threadKey: action.threadKey, ms: chart.image.ms }, "chart rendered");
    return {
      name: CHART_FILE_NAME,
      data: chart.image.png,
      contentType: "image/png",
      description: chart.image.alt,
    };
  }

  private threadId(key: string): string {
    const id = threadIdOf(key);
    if (id === null) throw new Error(`not a Discord thread key: ${key}`);
    return id;
  }
}

/**
 * A notice or staff alert as messages, from its structure (values escaped the Discord way); an
 * action stored before actions carried one shows its text as written.
 */
function docParts(action: Extract<Action, { type: "notice" | "staff_alert" }>): MessagePart[] {
  return docContents(action.doc ?? plainDoc(action.text), LIMITS.content, true).map((content) => ({
    content,
    embeds: [],
    components: [],
  }));
}

/** Whether an action is this adapter's to perform (for actions routed from the scheduler). */
export function isDiscordAction(action: Action): boolean {
  const key = action.type === "handoff_card" ? action.card.threadKey : action.threadKey;
  return threadIdOf(key) !== null;
}
