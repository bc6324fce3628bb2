import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { Action, ConversationPort } from "../../conversation/port.js";
import type { SlackMessage } from "../../render/slack/block-kit.js";
import { renderHandoffCard } from "../../render/slack/handoff-card.js";
import { issueActions } from "../../render/slack/issue-actions.js";
import { renderNotice, renderReplyMessage } from "../../render/slack/reply-message.js";
import type { OpenThreads } from "./open-threads.js";
import { parseSlackThreadKey } from "./thread-key.js";

export interface PerformerDeps {
  client: webApi.WebClient;
  conversation: ConversationPort;
  openThreads: OpenThreads;
  staffChannel: string | null;
  logger: Logger;
  now?: () => Date;
}

/** Threads whose reply ts is remembered; older ones get a fresh reply, which is harmless. */
const MAX_REMEMBERED = 10_000;

/** chat.update errors after which posting a fresh message is the right answer. */
const GONE = new Set(["message_not_found", "cant_update_message", "edit_window_closed"]);

/** Emoji as thread state on the root message, the way support channels mark progress. */
const STATE_REACTION: Partial<Record<string, string>> = {
  handed_off: "raising_hand",
  solved: "white_check_mark",
};

function slackError(error: unknown): string | undefined {
  return (error as { data?: { error?: string } }).data?.error;
}

/**
 * Executes the engine's actions with the Web API. Each action is tried on its own, so one failure
 * never drops the rest; the WebClient itself waits out 429s (Retry-After) and retries.
 */
export class SlackPerformer {
  private readonly now: () => Date;
  /** threadKey → ts of the triage reply this process posted there. */
  private readonly replies = new Map<string, string>();

  constructor(private readonly deps: PerformerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async perform(actions: readonly Action[]): Promise<void> {
    for (const action of actions) {
      try {
        this.deps.openThreads.apply(action, this.now());
        await this.one(action);
      } catch (error) {
        this.deps.logger.error(
          { err: error, action: action.type, slackError: slackError(error) },
          "a Slack action failed",
        );
      }
    }
  }

  private async one(action: Action): Promise<void> {
    switch (action.type) {
      case "reply":
        return this.reply(action);
      case "notice":
        await this.post(action, action.threadKey, renderNotice(action.text, action.mention));
        return;
      case "ephemeral":
        return this.ephemeral(action);
      case "state":
        return this.react(action.threadKey, action.to);
      case "handoff_card":
        return this.card(action);
    }
  }

  /**
   * In Slack a thread keeps one triage reply, edited in place as the verdict changes (its buttons
   * stay in one spot): a reply edits `replaces` when the engine names it, else the reply this
   * adapter last posted in the thread.
   */
  private async reply(action: Extract<Action, { type: "reply" }>): Promise<void> {
    const key = action.threadKey;
    const message = renderReplyMessage(action.text, action.report, key);
    const ts = await this.post(action, key, message, action.replaces ?? this.replies.get(key));
    if (!ts) return;
    this.replies.delete(key);
    this.replies.set(key, ts);
    if (this.replies.size > MAX_REMEMBERED) {
      const oldest = this.replies.keys().next().value;
      if (oldest !== undefined) this.replies.delete(oldest);
    }
  }

  /**
   * Posts in the thread, or edits `replaces`, and reports the message's ts to the engine (an
   * edited message keeps its ts), so later edits find it. Returns the ts.
   */
  private async post(
    action: Action,
    threadKey: string,
    message: SlackMessage,
    replaces?: string,
  ): Promise<string | undefined> {
    const thread = parseSlackThreadKey(threadKey);
    if (!thread) return undefined;
    if (replaces) {
      try {
        await this.deps.client.chat.update({ channel: thread.channel, ts: replaces, ...message });
        await this.deps.conversation.recordSent(threadKey, action, replaces);
        return replaces;
      } catch (error) {
        if (!GONE.has(slackError(error) ?? "")) throw error;
        this.deps.logger.info({ threadKey }, "earlier reply is gone; posting a new one");
      }
    }
    const posted = await this.deps.client.chat.postMessage({
      channel: thread.channel,
      thread_ts: thread.threadTs,
      ...message,
      unfurl_links: false,
      unfurl_media: false,
    });
    if (posted.ts) await this.deps.conversation.recordSent(threadKey, action, posted.ts);
    return posted.ts;
  }

  private async ephemeral(action: Extract<Action, { type: "ephemeral" }>): Promise<void> {
    const thread = parseSlackThreadKey(action.threadKey);
    if (!thread) return;
    const notice = renderNotice(action.text);
    const buttons = issueActions(action.threadKey, action.issue);
    const blocks = action.card
      ? [...notice.blocks, ...renderHandoffCard(action.card, false).blocks]
      : buttons
        ? [...notice.blocks.slice(0, 49), buttons]
        : notice.blocks;
    await this.deps.client.chat.postEphemeral({
      channel: thread.channel,
      thread_ts: thread.threadTs,
      user: action.userId,
      text: notice.text,
      blocks: blocks.slice(0, 50),
    });
  }

  private async react(threadKey: string, state: string): Promise<void> {
    const name = STATE_REACTION[state];
    const thread = parseSlackThreadKey(threadKey);
    if (!name || !thread) return;
    try {
      await this.deps.client.reactions.add({
        channel: thread.channel,
        timestamp: thread.threadTs,
        name,
      });
    } catch (error) {
      // Already there, or the scope is missing: the state change itself still stands.
      this.deps.logger.debug({ err: error, threadKey }, "reactions.add failed");
    }
  }

  private async card(action: Extract<Action, { type: "handoff_card" }>): Promise<void> {
    const channel = this.deps.staffChannel;
    if (!channel) {
      this.deps.logger.warn(
        { threadKey: action.card.threadKey },
        "no SLACK_STAFF_CHANNEL; handoff card not posted",
      );
      return;
    }
    const message = renderHandoffCard(action.card);
    if (action.replaces) {
      try {
        await this.deps.client.chat.update({ channel, ts: action.replaces, ...message });
        return;
      } catch (error) {
        if (!GONE.has(slackError(error) ?? "")) throw error;
      }
    }
    const posted = await this.deps.client.chat.postMessage({
      channel,
      ...message,
      unfurl_links: false,
    });
    if (posted.ts)
      await this.deps.conversation.recordSent(action.card.threadKey, action, posted.ts);
  }
}
