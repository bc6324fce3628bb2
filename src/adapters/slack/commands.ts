import type { App } from "@slack/bolt";
import { plainDoc } from "../../model/reply-doc.js";
import type { SlackMessage } from "../../render/slack/block-kit.js";
import { PASTE_DETAILS_VIEW, PASTE_FIELDS } from "../../render/slack/ids.js";
import { renderPasteModal } from "../../render/slack/paste-modal.js";
import { renderNotice } from "../../render/slack/reply-message.js";
import { formText, isEmptyForm, parseFormTarget, readForm } from "./form.js";
import { readThread, threadEvents } from "./history.js";
import type { SlackMessageLike } from "./message-event.js";
import { feed } from "./pipeline.js";
import { INCIDENTS_COMMAND, SLASH_COMMAND, THREAD_SHORTCUT } from "./registrations.js";
import type { SlackRuntime } from "./runtime.js";
import { startThread } from "./start-thread.js";
import { slackThreadKey } from "./thread-key.js";

/** `/triage [text]`: with text, triage it in a new thread; without, open the form. */
function registerSlashCommand(app: App, rt: SlackRuntime): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const text = command.text.trim();
    if (!text) {
      // trigger_id lives 3 s: open the form before anything else.
      await rt.client.views.open({
        trigger_id: command.trigger_id,
        view: renderPasteModal(JSON.stringify({ channel: command.channel_id })),
      });
      return;
    }
    await startThread(rt, {
      channel: command.channel_id,
      userId: command.user_id,
      text,
      sourceId: command.trigger_id,
      tell: (hint) => respond({ response_type: "ephemeral", text: hint }),
    });
  });
}

/** The form's submission goes to the thread it was opened from, or opens one. */
function registerPasteForm(app: App, rt: SlackRuntime): void {
  app.view(PASTE_DETAILS_VIEW, async ({ ack, view, body }) => {
    const form = readForm(view.state.values);
    if (isEmptyForm(form)) {
      await ack({
        response_action: "errors",
        errors: { [PASTE_FIELDS.rawError]: "Paste at least one of the three fields." },
      });
      return;
    }
    await ack();
    const target = parseFormTarget(view.private_metadata);
    const userId = body.user.id;
    const text = formText(form);
    const sourceId = `${view.id}:${view.hash}`;
    if (target && "threadKey" in target) {
      const threadKey = target.threadKey;
      await feed(rt, threadKey, async () => [
        {
          platform: "slack",
          threadKey,
          eventId: `slack:view:${sourceId}`,
          messageId: `view:${sourceId}`,
          kind: "message",
          author: await rt.authors.author(userId),
          text,
          attachments: [],
          at: rt.now(),
        },
      ]);
    } else if (target) {
      await startThread(rt, { channel: target.channel, userId, text, sourceId });
    }
  });
}

/** "Triage this thread" on any message: the bot reads the whole thread and replies in it. */
function registerShortcut(app: App, rt: SlackRuntime): void {
  app.shortcut(THREAD_SHORTCUT, async ({ ack, shortcut, respond, context }) => {
    await ack();
    if (shortcut.type !== "message_action") return;
    const channel = shortcut.channel.id;
    const message = shortcut.message as SlackMessageLike;
    const rootTs = message.thread_ts ?? message.ts;
    const key = slackThreadKey(channel, rootTs);
    const readable = await readThread(rt, channel, rootTs);
    if (!readable.ok) {
      await respond({
        response_type: "ephemeral",
        text: "I can't read this channel. Invite me with `/invite @ratelimit-triage` and try again.",
      });
      return;
    }
    const botUserId = context.botUserId;
    const userId = shortcut.user.id;
    await feed(
      rt,
      key,
      () =>
        threadEvents(
          rt,
          channel,
          rootTs,
          botUserId,
          readable.messages.length > 0 ? readable.messages : [message],
        ),
      async () => ({
        platform: "slack",
        threadKey: key,
        eventId: `slack:shortcut:${shortcut.action_ts}:${userId}`,
        name: "triage",
        author: await rt.authors.author(userId),
        at: rt.now(),
      }),
    );
  });
}

/** `/incidents` lists; `/incidents track [id]` files one tracker issue for an open incident. */
async function incidentsAnswer(rt: SlackRuntime, argument: string): Promise<SlackMessage> {
  const [verb, id] = argument.trim().split(/\s+/);
  const answer =
    verb === "track"
      ? await rt.conversation.trackIncident?.(id || undefined)
      : await rt.conversation.incidents?.();
  return renderNotice(answer?.doc ?? plainDoc("Incidents are not watched here."));
}

/**
 * `/incidents [track [id]]`: open and recent incidents, or the tracker issue of one (the same port
 * as the console and Discord, so the marker keeps it to one), for staff, answered to them
 * alone.
 */
function registerIncidentsCommand(app: App, rt: SlackRuntime): void {
  app.command(INCIDENTS_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const message = (await rt.authors.isStaff(command.user_id))
      ? await incidentsAnswer(rt, command.text ?? "")
      : renderNotice(plainDoc("Sorry, only staff can list or track incidents."));
    await respond({ response_type: "ephemeral", ...message });
  });
}

export function registerCommands(app: App, rt: SlackRuntime): void {
  registerSlashCommand(app, rt);
  registerIncidentsCommand(app, rt);
  registerPasteForm(app, rt);
  registerShortcut(app, rt);
}
