/** The Web API methods the bot calls, answered the way Slack answers them (shapes trimmed). */
import type { FakeSlackState } from "./fake-slack-state.js";

type Params = Record<string, unknown>;
type Answer = Record<string, unknown>;

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

export function answerMethod(state: FakeSlackState, method: string, p: Params): Answer {
  switch (method) {
    case "auth.test":
      return {
        ok: true,
        url: "https://fake.slack.com/",
        team: "Fake",
        user: "ratelimit-triage",
        team_id: state.teamId,
        user_id: state.botUserId,
        bot_id: state.botId,
      };
    case "chat.postMessage": {
      const channel = str(p.channel);
      if (state.notInChannel.has(channel)) return { ok: false, error: "not_in_channel" };
      const ts = state.nextTs();
      state.posted.add(`${channel}:${ts}`);
      const message = {
        type: "message",
        user: state.botUserId,
        bot_id: state.botId,
        text: p.text,
        ts,
        ...(p.thread_ts ? { thread_ts: p.thread_ts } : {}),
        // Slack keeps message metadata and returns it with include_all_metadata.
        ...(p.metadata
          ? { metadata: typeof p.metadata === "string" ? JSON.parse(p.metadata) : p.metadata }
          : {}),
      };
      state.addToThread(channel, str(p.thread_ts) || ts, message);
      return { ok: true, channel, ts, message };
    }
    case "chat.update": {
      const channel = str(p.channel);
      if (!state.posted.has(`${channel}:${str(p.ts)}`))
        return { ok: false, error: "message_not_found" };
      return { ok: true, channel, ts: p.ts, text: p.text };
    }
    case "chat.postEphemeral":
      return { ok: true, message_ts: state.nextTs() };
    case "chat.getPermalink":
      return {
        ok: true,
        channel: p.channel,
        permalink: `https://fake.slack.com/archives/${str(p.channel)}/p${str(p.message_ts).replace(".", "")}`,
      };
    case "views.open":
    case "views.publish":
    case "views.update":
      return { ok: true, view: { id: `V${state.nextId()}`, ...(p.view as object) } };
    case "conversations.replies": {
      const channel = str(p.channel);
      if (state.notInChannel.has(channel)) return { ok: false, error: "not_in_channel" };
      return {
        ok: true,
        messages: state.threads.get(`${channel}:${str(p.ts)}`) ?? [],
        has_more: false,
      };
    }
    case "conversations.history": {
      const channel = str(p.channel);
      if (state.notInChannel.has(channel)) return { ok: false, error: "not_in_channel" };
      // A channel's top-level messages, newest first, as Slack lists them.
      const roots = [...state.threads.entries()]
        .filter(([key]) => key.startsWith(`${channel}:`))
        .map(([key, list]) => list.find((m) => `${channel}:${String(m.ts)}` === key))
        .filter((m): m is Record<string, unknown> => m !== undefined)
        .reverse();
      return { ok: true, messages: roots, has_more: false };
    }
    case "users.info": {
      const user = state.users.get(str(p.user));
      return user
        ? {
            ok: true,
            user: {
              id: p.user,
              name: user.name,
              real_name: user.name,
              profile: { display_name: user.displayName },
            },
          }
        : { ok: false, error: "user_not_found" };
    }
    case "usergroups.users.list":
      return { ok: true, users: state.usergroups.get(str(p.usergroup)) ?? [] };
    case "reactions.add":
      return { ok: true };
    case "files.info": {
      const file = state.fileObjects.get(str(p.file));
      return file ? { ok: true, file } : { ok: false, error: "file_not_found" };
    }
    default:
      return { ok: false, error: "unknown_method" };
  }
}
