import type { webApi } from "@slack/bolt";
import type { Action } from "../../conversation/port.js";
import { parseSlackThreadKey } from "./thread-key.js";

/** Our mark on every message the bot posts: which stored action it carries. */
const EVENT_TYPE = "ratelimit_triage_action";

/** Enough to find a message posted moments before a crash; Slack pages at 1,000. */
const LOOK_BACK = 100;

export function actionMetadata(actionId: string | undefined) {
  if (actionId === undefined) return {};
  return { metadata: { event_type: EVENT_TYPE, event_payload: { action_id: actionId } } };
}

interface WithMetadata {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: { action_id?: string } };
}

/**
 * The ts of a message that already carries `action`, or null. Slack has no idempotency key on
 * chat.postMessage, so after a crash mid-call the thread (or the staff channel, for a card) is
 * read back and the action's metadata looked for before posting again.
 */
export async function findPosted(
  client: webApi.WebClient,
  action: Action,
  staffChannel: string | null,
): Promise<string | null> {
  if (action.id === undefined) return null;
  let messages: WithMetadata[] = [];
  if (action.type === "reply" || action.type === "notice") {
    const thread = parseSlackThreadKey(action.threadKey);
    if (!thread) return null;
    const found = await client.conversations.replies({
      channel: thread.channel,
      ts: thread.threadTs,
      include_all_metadata: true,
      limit: LOOK_BACK,
    });
    messages = (found.messages ?? []) as WithMetadata[];
  } else if ((action.type === "handoff_card" || action.type === "staff_alert") && staffChannel) {
    const found = await client.conversations.history({
      channel: staffChannel,
      include_all_metadata: true,
      limit: LOOK_BACK,
    });
    messages = (found.messages ?? []) as WithMetadata[];
  }
  const mine = messages.find(
    (m) =>
      m.metadata?.event_type === EVENT_TYPE && m.metadata.event_payload?.action_id === action.id,
  );
  return mine?.ts ?? null;
}
