import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { Action } from "../../conversation/port.js";
import type { Timeline } from "../../core/timeline/types.js";
import { plainDoc } from "../../model/reply-doc.js";
import { CHART_FILE_NAME, replyChart } from "../../render/chart/reply-chart.js";
import type { SlackMessage } from "../../render/slack/block-kit.js";
import { renderHandoffCard } from "../../render/slack/handoff-card.js";
import { issueActions } from "../../render/slack/issue-actions.js";
import { renderNotice, renderReplyMessage } from "../../render/slack/reply-message.js";
import type { OutboxStore } from "../../store/outbox.js";
import { actionMetadata, findPosted } from "./posted-lookup.js";
import { parseSlackThreadKey } from "./thread-key.js";

export interface PerformerDeps {
  client: webApi.WebClient;
  /** The outbox, for the reply this thread already has (Slack edits it in place). */
  outbox: Pick<OutboxStore, "lastDeliveredReply">;
  staffChannel: string | null;
  logger: Logger;
}

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
 * Executes the engine's actions with the Web API: answers to one person at once (`inline`),
 * everything else one action at a time for the outbox drainer (`deliver`), which records the
 * message ts it returns and retries or parks what throws.
 */
export class SlackPerformer {
  constructor(private readonly deps: PerformerDeps) {}

  /** Ephemeral answers, which only the moment of the command can carry; failures are logged. */
  async inline(actions: readonly Action[]): Promise<void> {
    for (const action of actions) {
      if (action.type !== "ephemeral") continue;
      try {
        await this.ephemeral(action);
      } catch (error) {
        this.deps.logger.error(
          { err: error, action: action.type, slackError: slackError(error) },
          "a Slack answer failed",
        );
      }
    }
  }

  /** Whether `deliver` calls the Web API for the action (a state without a reaction does not). */
  callsPlatform(action: Action): boolean {
    if (action.type === "ephemeral") return false;
    if (action.type !== "state") return true;
    return (
      STATE_REACTION[action.to] !== undefined && parseSlackThreadKey(action.threadKey) !== null
    );
  }

  /**
   * Sends one outbox action; resolves with the ts of the message carrying it (null: none). When
   * `inDoubt` (an attempt died mid-call), the message the action may have posted is looked up
   * first by its metadata, so it is not posted twice.
   */
  async deliver(action: Action, inDoubt = false): Promise<string | null> {
    if (inDoubt) {
      const found = await findPosted(this.deps.client, action, this.deps.staffChannel);
      if (found) return found;
    }
    switch (action.type) {
      case "reply":
        return this.reply(action);
      case "notice":
        return this.post(
          action.threadKey,
          renderNotice(action.doc ?? plainDoc(action.text), action.mention),
          action.id,
        );
      case "ephemeral":
        return null;
      case "state":
        await this.react(action.threadKey, action.to);
        return null;
      case "handoff_card":
        return this.card(action);
      case "staff_alert":
        return this.staffAlert(action);
    }
  }

  /**
   * In Slack a thread keeps one triage reply, edited in place as the verdict changes (its buttons
   * stay in one spot): a reply edits `replaces` when the engine names it, else the thread's last
   * delivered reply, which the outbox remembers across restarts.
   */
  private async reply(action: Extract<Action, { type: "reply" }>): Promise<string | null> {
    const key = action.threadKey;
    const message = renderReplyMessage(
      action.doc ?? plainDoc(action.text),
      action.report,
      key,
      action.local,
    );
    const replaces = action.replaces ?? (await this.deps.outbox.lastDeliveredReply(key));
    const ts = await this.post(key, message, action.id, replaces ?? undefined);
    if (action.chart) await this.uploadChart(key, action.chart);
    return ts;
  }

  /**
   * The timeline goes into the thread as a file after the reply (Slack's
   * getUploadURLExternal / completeUploadExternal flow). A chart that fails or runs late is
   * logged, never retried: the reply is out already.
   */
  private async uploadChart(threadKey: string, timeline: Timeline): Promise<void> {
    const thread = parseSlackThreadKey(threadKey);
    if (!thread) return;
    const chart = await replyChart(timeline);
    if (!chart.ok) {
      this.deps.logger.warn({ threadKey, reason: chart.reason }, "reply sent without its chart");
      return;
    }
    try {
      await this.deps.client.filesUploadV2({
        channel_id: thread.channel,
        thread_ts: thread.threadTs,
        file: chart.image.png,
        filename: CHART_FILE_NAME,
        title: chart.image.alt,
        alt_text: chart.image.alt,
      });
    } catch (error) {
      this.deps.logger.warn(
        { threadKey, err: error, slackError: slackError(error) },
        "chart upload failed; the reply stands without it",
      );
    }
  }

  /** Posts in the thread, or edits `replaces` (an edited message keeps its ts). Returns the ts. */
  private async post(
    threadKey: string,
    message: SlackMessage,
    actionId: string | undefined,
    replaces?: string,
  ): Promise<string | null> {
    const thread = parseSlackThreadKey(threadKey);
    if (!thread) return null;
    if (replaces) {
      const edited = await this.edit(thread.channel, replaces, message);
      if (edited) return replaces;
      this.deps.logger.info({ threadKey }, "earlier reply is gone; posting a new one");
    }
    const posted = await this.deps.client.chat.postMessage({
      channel: thread.channel,
      thread_ts: thread.threadTs,
      ...message,
      ...actionMetadata(actionId),
      unfurl_links: false,
      unfurl_media: false,
    });
    return posted.ts ?? null;
  }

  /** False when the message is gone (a new one is then posted); other errors throw. */
  private async edit(channel: string, ts: string, message: SlackMessage): Promise<boolean> {
    try {
      await this.deps.client.chat.update({ channel, ts, ...message });
      return true;
    } catch (error) {
      if (!GONE.has(slackError(error) ?? "")) throw error;
      return false;
    }
  }

  private async ephemeral(action: Extract<Action, { type: "ephemeral" }>): Promise<void> {
    const thread = parseSlackThreadKey(action.threadKey);
    if (!thread) return;
    // A card answer (/card) is the card's blocks, then what its doc adds (undelivered messages).
    const notice = action.card
      ? renderHandoffCard(action.card, false)
      : renderNotice(action.doc ?? plainDoc(action.text));
    const extra = action.card && action.doc ? renderNotice(action.doc).blocks : [];
    const buttons = issueActions(action.threadKey, action.issue);
    const blocks = action.card
      ? [...notice.blocks, ...extra]
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

  /** Incident alerts go to the staff channel as plain notices; no channel: logged, not posted. */
  private async staffAlert(action: Extract<Action, { type: "staff_alert" }>) {
    const channel = this.deps.staffChannel;
    if (!channel) {
      this.deps.logger.warn(
        { threadKey: action.threadKey },
        "no SLACK_STAFF_CHANNEL; alert not posted",
      );
      return null;
    }
    const posted = await this.deps.client.chat.postMessage({
      channel,
      ...renderNotice(action.doc ?? plainDoc(action.text)),
      ...actionMetadata(action.id),
      unfurl_links: false,
    });
    return posted.ts ?? null;
  }

  private async card(action: Extract<Action, { type: "handoff_card" }>): Promise<string | null> {
    const channel = this.deps.staffChannel;
    if (!channel) {
      this.deps.logger.warn(
        { threadKey: action.card.threadKey },
        "no SLACK_STAFF_CHANNEL; handoff card not posted",
      );
      return null;
    }
    const message = renderHandoffCard(action.card);
    if (action.replaces && (await this.edit(channel, action.replaces, message)))
      return action.replaces;
    const posted = await this.deps.client.chat.postMessage({
      channel,
      ...message,
      ...actionMetadata(action.id),
      unfurl_links: false,
    });
    return posted.ts ?? null;
  }
}
