/** Payloads shaped like Slack's (Events API envelopes, commands, interactions), trimmed. */
import type { FakeSlackState } from "./fake-slack-state.js";

let counter = 0;
const next = () => ++counter;

export interface MessageInput {
  channel: string;
  user: string;
  text: string;
  ts: string;
  thread_ts?: string;
  files?: Array<Record<string, unknown>>;
  parent_user_id?: string;
}

export function messageEvent(m: MessageInput): Record<string, unknown> {
  return {
    type: "message",
    channel: m.channel,
    user: m.user,
    text: m.text,
    ts: m.ts,
    event_ts: m.ts,
    channel_type: "channel",
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    ...(m.parent_user_id ? { parent_user_id: m.parent_user_id } : {}),
    ...(m.files ? { subtype: "file_share", files: m.files } : {}),
  };
}

export function appMentionEvent(m: MessageInput): Record<string, unknown> {
  return { ...messageEvent(m), type: "app_mention" };
}

export function eventEnvelope(
  state: { teamId: string; botUserId: string },
  event: Record<string, unknown>,
  eventId = `Ev${next()}`,
): Record<string, unknown> {
  return {
    token: "legacy-verification-token",
    team_id: state.teamId,
    api_app_id: "A0FAKE",
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: state.teamId, user_id: state.botUserId, is_bot: true }],
  };
}

export function slashCommand(
  state: FakeSlackState,
  input: { user: string; channel: string; text?: string; responseUrl: string },
): Record<string, string> {
  return {
    token: "legacy-verification-token",
    team_id: state.teamId,
    team_domain: "fake",
    channel_id: input.channel,
    channel_name: "support",
    user_id: input.user,
    user_name: "someone",
    command: "/triage",
    text: input.text ?? "",
    api_app_id: "A0FAKE",
    response_url: input.responseUrl,
    trigger_id: `trigger-${next()}`,
  };
}

export function blockAction(
  state: FakeSlackState,
  input: { user: string; channel: string; actionId: string; value: string; messageTs: string },
): Record<string, unknown> {
  return {
    type: "block_actions",
    team: { id: state.teamId, domain: "fake" },
    user: { id: input.user, username: "someone", team_id: state.teamId },
    api_app_id: "A0FAKE",
    token: "legacy-verification-token",
    trigger_id: `trigger-${next()}`,
    channel: { id: input.channel, name: "support" },
    container: { type: "message", message_ts: input.messageTs, channel_id: input.channel },
    message: { type: "message", ts: input.messageTs, user: state.botUserId },
    response_url: "http://127.0.0.1:9/unused",
    actions: [
      {
        type: "button",
        action_id: input.actionId,
        block_id: "triage_reply_actions",
        text: { type: "plain_text", text: "button" },
        value: input.value,
        action_ts: `${Math.floor(Date.now() / 1000)}.${String(next()).padStart(6, "0")}`,
      },
    ],
  };
}

export function viewSubmission(
  state: FakeSlackState,
  input: {
    user: string;
    callbackId: string;
    privateMetadata: string;
    values: Record<string, string>;
  },
): Record<string, unknown> {
  const values: Record<string, Record<string, { type: string; value: string }>> = {};
  for (const [id, value] of Object.entries(input.values))
    values[id] = { [id]: { type: "plain_text_input", value } };
  return {
    type: "view_submission",
    team: { id: state.teamId, domain: "fake" },
    user: { id: input.user, username: "someone", team_id: state.teamId },
    api_app_id: "A0FAKE",
    token: "legacy-verification-token",
    trigger_id: `trigger-${next()}`,
    view: {
      id: `V${next()}`,
      type: "modal",
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata,
      hash: `h${next()}`,
      state: { values },
      team_id: state.teamId,
      app_id: "A0FAKE",
      bot_id: state.botId,
      blocks: [],
      title: { type: "plain_text", text: "Paste details" },
    },
    response_urls: [],
  };
}

export function messageShortcut(
  state: FakeSlackState,
  input: {
    user: string;
    channel: string;
    message: Record<string, unknown>;
    callbackId: string;
    responseUrl: string;
  },
): Record<string, unknown> {
  return {
    type: "message_action",
    token: "legacy-verification-token",
    action_ts: `${Math.floor(Date.now() / 1000)}.${String(next()).padStart(6, "0")}`,
    team: { id: state.teamId, domain: "fake" },
    user: { id: input.user, name: "someone", team_id: state.teamId },
    channel: { id: input.channel, name: "support" },
    callback_id: input.callbackId,
    trigger_id: `trigger-${next()}`,
    message_ts: input.message.ts,
    message: input.message,
    response_url: input.responseUrl,
  };
}
