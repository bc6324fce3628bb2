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
    case "files.getUploadURLExternal": {
      if (state.refuseUploads) return { ok: false, error: "not_allowed" };
      const length = Number(p.length);
      if (!str(p.filename) || !Number.isInteger(length) || length <= 0)
        return { ok: false, error: "invalid_arguments" };
      const id = `F${state.nextId()}`;
      state.pendingUploads.set(id, {
        filename: str(p.filename),
        length,
        altText: str(p.alt_text) || null,
      });
      return { ok: true, upload_url: `${state.uploadBase}${id}`, file_id: id };
    }
    case "files.completeUploadExternal":
      return completeUpload(state, p);
    default:
      return { ok: false, error: "unknown_method" };
  }
}

/** Shares uploaded files into a channel (a thread with thread_ts), as Slack posts them. */
function completeUpload(state: FakeSlackState, p: Params): Answer {
  const files = (typeof p.files === "string" ? JSON.parse(p.files) : p.files) as Array<{
    id: string;
    title?: string;
  }>;
  if (!Array.isArray(files) || files.length === 0) return { ok: false, error: "invalid_arguments" };
  for (const f of files) {
    const pending = state.pendingUploads.get(f.id);
    const bytes = state.uploads.get(f.id);
    if (!pending || bytes?.length !== pending.length)
      return { ok: false, error: "file_upload_not_found" };
  }
  const channel = str(p.channel_id);
  const threadTs = str(p.thread_ts) || null;
  for (const f of files) {
    const pending = state.pendingUploads.get(f.id);
    state.shared.push({
      id: f.id,
      title: f.title ?? pending?.filename ?? "",
      channel,
      threadTs,
      altText: pending?.altText ?? null,
      bytes: state.uploads.get(f.id),
    });
    if (channel && threadTs)
      state.addToThread(channel, threadTs, {
        type: "message",
        subtype: "file_share",
        user: state.botUserId,
        bot_id: state.botId,
        ts: state.nextTs(),
        files: [{ id: f.id, title: f.title }],
      });
  }
  return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? "" })) };
}
