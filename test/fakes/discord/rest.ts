import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeGateway } from "./gateway.js";
import type { RateLimiter } from "./rate-limit.js";
import {
  ChannelKind,
  type FakeChannel,
  type FakeMessage,
  type ForumTag,
  type World,
} from "./world.js";

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, e.g. /channels/123/messages. */
  path: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies of many shapes
  body: any;
  authorization: string | undefined;
  at: number;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Handler = (match: string[], body: Record<string, unknown>, req: RecordedRequest) => Reply;

/** A file sent with a message (multipart `files[n]`), kept for assertions. */
export interface UploadedFile {
  messageId: string;
  name: string;
  contentType: string;
  description: string | null;
  bytes: Buffer;
}

/** The files of a multipart body, by the body object readBody returned. */
const filesOfBody = new WeakMap<object, Array<{ name: string; type: string; bytes: Buffer }>>();

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return {};
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await new Request("http://x/", {
      method: "POST",
      headers: { "content-type": type },
      body: raw,
    }).formData();
    const payload = JSON.parse(String(form.get("payload_json") ?? "{}"));
    const files: Array<{ name: string; type: string; bytes: Buffer }> = [];
    for (const [key, value] of form.entries())
      if (key.startsWith("files[") && typeof value !== "string")
        files.push({
          name: value.name,
          type: value.type,
          bytes: Buffer.from(await value.arrayBuffer()),
        });
    filesOfBody.set(payload, files);
    return payload;
  }
  return JSON.parse(raw.toString("utf8"));
}

const ok = (body: unknown): Reply => ({ status: 200, body });
const notFound = (code: number, message: string): Reply => ({
  status: 404,
  body: { code, message },
});

/**
 * The REST routes a support bot uses, answered from the World and echoed on the gateway as
 * Discord does (the bot sees its own MESSAGE_CREATE). Every request is recorded for assertions.
 */
export class FakeRest {
  readonly requests: RecordedRequest[] = [];
  readonly commands = new Map<string, unknown[]>();
  /** Where each interaction happened, by token: its webhook messages belong to that channel. */
  readonly interactionChannels = new Map<string, string>();
  private readonly routes: Array<[string, RegExp, Handler]>;
  onRecord: (req: RecordedRequest) => void = () => undefined;
  /**
   * Calls answered with an error, while `times` lasts: instead of their route, or `after` it ran
   * (the change is made, the answer lost on the way back).
   */
  readonly failures: Array<{
    method: string;
    path: RegExp;
    status: number;
    times: number;
    after?: boolean;
  }> = [];
  /**
   * Calls recorded but never answered nor carried out, while `times` lasts: the bot is caught
   * with the request in flight (a kill test ends it there).
   */
  readonly stalls: Array<{ method: string; path: RegExp; times: number }> = [];

  /** Files attached to messages the bot posted, in order. */
  readonly uploads: UploadedFile[] = [];
  /** Channel and nonce → the message they created. */
  private readonly nonces = new Map<string, string>();

  constructor(
    private readonly world: World,
    private readonly gateway: FakeGateway,
    private readonly limiter: RateLimiter,
    private readonly baseUrl: () => string,
    /** What GET /gateway/bot recommends: Discord's is about one shard per 1,000 guilds. */
    private readonly recommendedShards = 1,
  ) {
    const id = "(\\d+)";
    this.routes = [
      ["GET", /^\/gateway\/bot$/, () => this.gatewayBot()],
      [
        "PUT",
        new RegExp(`^/applications/${id}/guilds/${id}/commands$`),
        (m, b) => this.putCommands(m[2] ?? "", b),
      ],
      [
        "PUT",
        new RegExp(`^/applications/${id}/commands$`),
        (_m, b) => this.putCommands("global", b),
      ],
      ["GET", new RegExp(`^/channels/${id}$`), (m) => this.channel(m[1])],
      ["PATCH", new RegExp(`^/channels/${id}$`), (m, b) => this.patchChannel(m[1] ?? "", b)],
      ["GET", new RegExp(`^/channels/${id}/messages$`), (m) => this.listMessages(m[1] ?? "")],
      ["GET", new RegExp(`^/channels/${id}/messages/${id}$`), (m) => this.getMessage(m[2] ?? "")],
      ["POST", new RegExp(`^/channels/${id}/messages$`), (m, b) => this.postMessage(m[1] ?? "", b)],
      [
        "PATCH",
        new RegExp(`^/channels/${id}/messages/${id}$`),
        (m, b) => this.patchMessage(m[2] ?? "", b),
      ],
      [
        "DELETE",
        new RegExp(`^/channels/${id}/messages/${id}$`),
        (m) => this.deleteMessage(m[1] ?? "", m[2] ?? ""),
      ],
      [
        "POST",
        new RegExp(`^/channels/${id}/messages/${id}/threads$`),
        (m, b) => this.startThread(m[1] ?? "", m[2] ?? "", b),
      ],
      ["POST", /^\/interactions\/(\d+)\/([^/]+)\/callback$/, () => ({ status: 204 })],
      [
        "PATCH",
        /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/,
        (m, b) => ok(this.webhookMessage(m[2] ?? "", b)),
      ],
      ["POST", /^\/webhooks\/(\d+)\/([^/]+)$/, (m, b) => ok(this.webhookMessage(m[2] ?? "", b))],
      ["GET", new RegExp(`^/guilds/${id}/members/${id}$`), (m) => this.getMember(m[2] ?? "")],
    ];
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, "");
    const method = req.method ?? "GET";
    const body = await readBody(req).catch(() => ({}));
    const recorded: RecordedRequest = {
      method,
      path,
      body,
      authorization: req.headers.authorization,
      at: Date.now(),
    };
    this.requests.push(recorded);
    const stall = this.stalls.find((p) => p.times > 0 && p.method === method && p.path.test(path));
    if (stall) {
      stall.times -= 1;
      this.onRecord(recorded);
      return;
    }
    const limited = this.limiter.check(method, path) ?? this.failure(method, path, false);
    const routed = limited ?? this.route(method, path, body, recorded);
    const reply = limited ? routed : (this.failure(method, path, true) ?? routed);
    // An empty 204 must not claim to be JSON: discord.js would try to parse it.
    if (reply.status === 204 || reply.body === undefined)
      res.writeHead(reply.status, reply.headers ?? {}).end();
    else
      res
        .writeHead(reply.status, { "content-type": "application/json", ...(reply.headers ?? {}) })
        .end(JSON.stringify(reply.body));
    this.onRecord(recorded);
  }

  private failure(method: string, path: string, after: boolean): Reply | null {
    const plan = this.failures.find(
      (f) =>
        f.times > 0 && f.method === method && f.path.test(path) && (f.after ?? false) === after,
    );
    if (!plan) return null;
    plan.times -= 1;
    const message = plan.status === 403 ? "Missing Access" : "Internal Server Error";
    return { status: plan.status, body: { code: plan.status === 403 ? 50001 : 0, message } };
  }

  private route(
    method: string,
    path: string,
    body: Record<string, unknown>,
    recorded: RecordedRequest,
  ): Reply {
    const needsAuth = !path.startsWith("/interactions/") && !path.startsWith("/webhooks/");
    if (needsAuth && recorded.authorization !== `Bot ${this.world.token}`)
      return { status: 401, body: { code: 0, message: "401: Unauthorized" } };
    for (const [m, pattern, handler] of this.routes) {
      if (m !== method) continue;
      const match = pattern.exec(path);
      if (match) return handler([...match], body, recorded);
    }
    return notFound(0, `fake has no route ${method} ${path}`);
  }

  private gatewayBot(): Reply {
    return ok({
      url: `${this.baseUrl().replace("http", "ws")}/gateway`,
      shards: this.recommendedShards,
      session_start_limit: {
        total: 1000,
        remaining: 999,
        reset_after: 86_400_000,
        max_concurrency: 1,
      },
    });
  }

  private putCommands(scope: string, body: unknown): Reply {
    const list = Array.isArray(body) ? body : [];
    this.commands.set(scope, list);
    return ok(
      list.map((c) => ({
        ...c,
        id: this.world.ids.next(),
        application_id: this.world.appId,
        version: "1",
      })),
    );
  }

  private channel(id: string | undefined): Reply {
    const channel = this.world.channels.get(id ?? "");
    return channel ? ok(channel) : notFound(10003, "Unknown Channel");
  }

  private patchChannel(id: string, body: Record<string, unknown>): Reply {
    const channel = this.world.channels.get(id);
    if (!channel) return notFound(10003, "Unknown Channel");
    if (Array.isArray(body.available_tags))
      channel.available_tags = (body.available_tags as Array<Partial<ForumTag>>).map((t) => ({
        id: t.id ?? this.world.ids.next(),
        name: t.name ?? "",
        moderated: t.moderated ?? false,
        emoji_id: null,
        emoji_name: t.emoji_name ?? null,
      }));
    if (Array.isArray(body.applied_tags)) channel.applied_tags = body.applied_tags as string[];
    const thread = channel.type === ChannelKind.PublicThread;
    this.gateway.dispatch(thread ? "THREAD_UPDATE" : "CHANNEL_UPDATE", channel);
    return ok(channel);
  }

  private listMessages(channelId: string): Reply {
    const list = [...this.world.messages.values()].filter((m) => m.channel_id === channelId);
    // Newest first, as Discord returns them.
    return ok(list.reverse());
  }

  private getMessage(id: string): Reply {
    const message = this.world.messages.get(id);
    return message ? ok(message) : notFound(10008, "Unknown Message");
  }

  private postMessage(channelId: string, body: Record<string, unknown>): Reply {
    if (!this.world.channels.has(channelId)) return notFound(10003, "Unknown Channel");
    // Discord: with enforce_nonce, a nonce seen lately returns that message instead of a new one.
    const nonce = body.enforce_nonce === true && typeof body.nonce === "string" ? body.nonce : null;
    const earlier = nonce ? this.nonces.get(`${channelId}:${nonce}`) : undefined;
    if (earlier && this.world.messages.has(earlier)) return ok(this.world.messages.get(earlier));
    const message = this.world.addMessage(channelId, this.world.bot, String(body.content ?? ""), {
      embeds: (body.embeds as unknown[]) ?? [],
      components: (body.components as unknown[]) ?? [],
    });
    message.attachments = this.attach(message.id, body);
    if (nonce) this.nonces.set(`${channelId}:${nonce}`, message.id);
    this.gateway.dispatch("MESSAGE_CREATE", {
      ...message,
      member: this.world.member(this.world.bot, false),
    });
    return ok(message);
  }

  /** Attachment objects for the uploaded files, described by `attachments[i]` of the payload. */
  private attach(messageId: string, body: Record<string, unknown>): unknown[] {
    const described = (body.attachments as Array<{ description?: string }> | undefined) ?? [];
    return (filesOfBody.get(body) ?? []).map((f, i) => {
      const description = described[i]?.description ?? null;
      this.uploads.push({
        messageId,
        name: f.name,
        contentType: f.type,
        description,
        bytes: f.bytes,
      });
      return {
        id: this.world.ids.next(),
        filename: f.name,
        size: f.bytes.length,
        content_type: f.type,
        ...(description ? { description } : {}),
        url: `${this.baseUrl()}/attachments/${messageId}/${f.name}`,
      };
    });
  }

  private patchMessage(id: string, body: Record<string, unknown>): Reply {
    const message = this.world.messages.get(id);
    if (!message) return notFound(10008, "Unknown Message");
    for (const key of ["content", "embeds", "components"] as const)
      if (key in body) message[key] = body[key] as never;
    message.edited_timestamp = new Date().toISOString();
    this.gateway.dispatch("MESSAGE_UPDATE", message);
    return ok(message);
  }

  private deleteMessage(channelId: string, id: string): Reply {
    if (!this.world.messages.delete(id)) return notFound(10008, "Unknown Message");
    this.gateway.dispatch("MESSAGE_DELETE", {
      id,
      channel_id: channelId,
      guild_id: this.world.guildOf(channelId),
    });
    return { status: 204 };
  }

  private startThread(channelId: string, messageId: string, body: Record<string, unknown>): Reply {
    const message = this.world.messages.get(messageId);
    if (!message || message.channel_id !== channelId) return notFound(10008, "Unknown Message");
    // A thread opened on a message takes the message's id.
    const thread: FakeChannel = this.world.addThread(
      channelId,
      this.world.bot.id,
      String(body.name ?? "thread"),
      messageId,
    );
    this.gateway.dispatch("THREAD_CREATE", { ...thread, newly_created: true });
    return { status: 201, body: thread };
  }

  private webhookMessage(token: string, body: Record<string, unknown>): FakeMessage {
    return {
      id: this.world.ids.next(),
      channel_id: this.interactionChannels.get(token) ?? this.world.other.id,
      author: this.world.bot,
      content: String(body.content ?? ""),
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      attachments: [],
      embeds: [],
      components: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      type: 20,
      flags: Number(body.flags ?? 0),
      webhook_id: this.world.appId,
      application_id: this.world.appId,
    };
  }

  private getMember(userId: string): Reply {
    const user = this.world.userById(userId);
    return user ? ok(this.world.member(user)) : notFound(10007, "Unknown Member");
  }
}
