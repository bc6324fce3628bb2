import type { App } from "@slack/bolt";
import { renderHomeView } from "../../render/slack/home-view.js";
import { HomeRefreshes } from "./home-refresh.js";
import { recordSlackEvent } from "./inbox-record.js";
import { type SlackMessageLike, slackEventId } from "./message-event.js";
import { oneOf } from "./one-listener.js";
import { looksLikeRateLimit } from "./relevance.js";
import type { SlackRuntime } from "./runtime.js";
import { mentions } from "./slack-text.js";
import { slackThreadKey } from "./thread-key.js";

/** Message subtypes that are a person writing; joins, topics, deletions and bots are not. */
const HUMAN_SUBTYPES = new Set([undefined, "file_share", "thread_broadcast", "message_changed"]);

function watches(rt: SlackRuntime, channel: string): boolean {
  return rt.config.channels.length === 0 || rt.config.channels.includes(channel);
}

/** A message event as (message, kind), or null when it is not a person writing. */
function unwrap(
  event: SlackMessageLike,
): { message: SlackMessageLike; kind: "message" | "edit" } | null {
  if (!HUMAN_SUBTYPES.has(event.subtype)) return null;
  if (event.subtype === "message_changed") {
    // Unfurls also arrive as message_changed, without `edited`: not an edit by the user.
    if (!event.message?.edited) return null;
    return { message: event.message, kind: "edit" };
  }
  return { message: event, kind: "message" };
}

/** A thread is ours when the store has its conversation, or its first event waits in the inbox. */
async function threadIsOurs(rt: SlackRuntime, threadKey: string): Promise<boolean> {
  return (
    (await rt.conversation.watches(threadKey)) ||
    (await rt.conversation.inbox.holdsThread(threadKey))
  );
}

/**
 * A person's message: recorded (and so acked) when it opens a help thread in a watched channel
 * or belongs to a thread the bot is in; decided later by the inbox pump (inbox-record.ts).
 */
async function onMessage(
  rt: SlackRuntime,
  event: SlackMessageLike,
  botUserId?: string,
): Promise<void> {
  const channel = event.channel;
  const unwrapped = unwrap(event);
  if (!channel || !unwrapped) return;
  const { message, kind } = unwrapped;
  if (!message.user || message.bot_id || message.subtype === "bot_message") return;
  // A mention arrives as app_mention too; that handler owns it.
  if (mentions(message.text ?? "", botUserId)) return;
  const rootTs = message.thread_ts ?? message.ts;
  const key = slackThreadKey(channel, rootTs);
  const mine = message.parent_user_id !== undefined && message.parent_user_id === botUserId;
  const topLevel = rootTs === message.ts && kind === "message";
  const names = (message.files ?? []).map((f) => f.name ?? "");
  const wanted =
    mine ||
    (topLevel &&
      watches(rt, channel) &&
      (rt.config.triageAll || looksLikeRateLimit(message.text ?? "", names)));
  if (!wanted && !(await threadIsOurs(rt, key))) return;
  await recordSlackEvent(rt, slackEventId(channel, message, kind), key, {
    via: "message",
    channel,
    kind,
    message,
    ...(botUserId ? { botUserId } : {}),
    // A reply right behind a question that is still undecided: ours if the question made it so.
    ...(wanted ? {} : { onlyIfWatched: true }),
  });
}

/** A mention anywhere: recorded and acked; a mention in a thread the bot was not in reads it whole. */
async function onMention(
  rt: SlackRuntime,
  event: SlackMessageLike,
  botUserId?: string,
): Promise<void> {
  const channel = event.channel;
  if (!channel || !event.user) return;
  const key = slackThreadKey(channel, event.thread_ts ?? event.ts);
  await recordSlackEvent(rt, slackEventId(channel, event), key, {
    via: "mention",
    channel,
    kind: "message",
    message: event,
    ...(botUserId ? { botUserId } : {}),
  });
}

/** Messages in watched channels and known threads, mentions anywhere, and the App Home tab. */
export function registerEvents(app: App, rt: SlackRuntime): void {
  // App Home opens are acked at once; the view follows the replies queued now (home-refresh.ts).
  const home = new HomeRefreshes({
    queue: rt.queue,
    publish: (user) => publishHome(rt, user),
    logger: rt.logger,
  });
  // One Bolt listener for the three (one-listener.ts). Redeliveries and a message's two
  // events (message, app_mention) are told apart by the store's idempotency keys, not by ids kept
  // in memory: those are lost on a restart and were marked before the event was stored, so the
  // retry of a failed first try was dropped.
  app.event(oneOf(["message", "app_mention", "app_home_opened"]), async ({ event, context }) => {
    if (event.type === "message")
      await onMessage(rt, event as unknown as SlackMessageLike, context.botUserId);
    else if (event.type === "app_mention")
      await onMention(rt, event as unknown as SlackMessageLike, context.botUserId);
    else if (event.type === "app_home_opened" && event.tab === "home") home.request(event.user);
  });
}

/** Builds `user`'s App Home (staff see open threads and parked deliveries) and publishes it. */
async function publishHome(rt: SlackRuntime, user: string): Promise<void> {
  const isStaff = await rt.authors.isStaff(user);
  const dead = isStaff ? await rt.conversation.outbox.deadLetters(undefined, 50) : [];
  const open = isStaff ? await rt.conversation.openThreads("slack:") : [];
  const view = renderHomeView({
    threads: open.map((t) => ({
      threadKey: t.key,
      title: t.title ?? t.key,
      ...(t.url ? { url: t.url } : {}),
      state: t.state,
      assignee: t.assignee,
      lastActivity: new Date(t.lastActivityAt),
    })),
    undelivered: dead
      .filter((d) => d.threadKey.startsWith("slack:"))
      .map((d) => ({ threadKey: d.threadKey, what: d.type, error: d.error, deadAt: d.deadAt })),
    now: rt.now(),
    staleSoonHours: rt.config.staleSoonHours,
    isStaff,
  });
  await rt.client.views.publish({ user_id: user, view });
}
