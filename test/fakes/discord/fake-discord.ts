import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeGateway, type ShardPair, shardOf } from "./gateway.js";
import {
  InteractionType,
  interactionBase,
  messageMenuData,
  modalData,
  slashData,
} from "./interactions.js";
import { RateLimiter, type RateLimitPlan } from "./rate-limit.js";
import { FakeRest, type RecordedRequest } from "./rest.js";
import {
  type ExtraGuild,
  type FakeAttachment,
  type FakeMessage,
  type FakeUser,
  World,
  type WorldOptions,
} from "./world.js";

export interface FakeDiscordOptions extends WorldOptions {
  /** The application has the Message Content intent enabled in its portal settings. Default true. */
  messageContentEnabled?: boolean;
  /** The shard count GET /gateway/bot recommends. Default 1. */
  recommendedShards?: number;
  /** HELLO's heartbeat interval; 5 s by default (Discord's is about 41 s). */
  heartbeatIntervalMs?: number;
}

const MESSAGE_CONTENT_FLAG = 1 << 18;

/**
 * A protocol-faithful Discord on 127.0.0.1 for end-to-end tests: discord.js logs in through
 * /gateway/bot, identifies on the WebSocket, receives READY and GUILD_CREATE, and the test plays
 * the humans (posts, edits, slash commands, clicks, modal submits) while asserting on the REST
 * calls the bot made. Attachments are served from the same server, like Discord's CDN.
 */
export class FakeDiscord {
  readonly world: World;
  readonly gateway: FakeGateway;
  readonly rest: FakeRest;
  readonly limiter = new RateLimiter();
  private readonly files = new Map<string, Buffer>();
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly server: Server,
    options: FakeDiscordOptions,
  ) {
    this.world = new World(options);
    const flags = options.messageContentEnabled === false ? 0 : MESSAGE_CONTENT_FLAG;
    this.gateway = new FakeGateway(server, {
      token: this.world.token,
      ready: (shard) => ({
        v: 10,
        user: { ...this.world.bot, verified: true, flags: 0 },
        guilds: this.guildsOn(shard).map((id) => ({ id, unavailable: true })),
        session_id: `fake-session-${shard[0]}`,
        resume_gateway_url: `${this.url.replace("http", "ws")}/gateway`,
        shard,
        application: { id: this.world.appId, flags },
      }),
      guildCreates: (shard) => this.guildsOn(shard).map((id) => this.world.guildCreate(id)),
      ...(options.heartbeatIntervalMs ? { heartbeatIntervalMs: options.heartbeatIntervalMs } : {}),
    });
    this.rest = new FakeRest(
      this.world,
      this.gateway,
      this.limiter,
      () => this.url,
      options.recommendedShards,
    );
    this.rest.onRecord = () => this.wake();
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    let fake: FakeDiscord | undefined;
    const server = createServer((req, res) => {
      if (!fake) return void res.writeHead(503).end();
      if (req.url?.startsWith("/api/")) return void fake.rest.handle(req, res);
      const file = fake.files.get(req.url ?? "");
      if (file)
        return void res.writeHead(200, { "content-type": "application/octet-stream" }).end(file);
      res.writeHead(404).end();
    });
    fake = new FakeDiscord(server, options);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** What DISCORD_API_URL is set to. */
  get apiUrl(): string {
    return `${this.url}/api`;
  }

  get requests(): readonly RecordedRequest[] {
    return this.rest.requests;
  }

  // ---- humans ----------------------------------------------------------------------------

  /**
   * A new forum post: THREAD_CREATE, then its starter message (same id as the thread). `threadId`
   * (from `world.ids`) when the test must name the thread before it exists.
   */
  forumPost(
    author: FakeUser,
    title: string,
    content: string,
    files: FakeAttachment[] = [],
    threadId = this.world.ids.next(),
  ) {
    return this.forumPostIn(this.world.forum.id, author, title, content, files, threadId);
  }

  /** A new post in another forum (another guild's, with `world.addGuild`). */
  forumPostIn(
    forumId: string,
    author: FakeUser,
    title: string,
    content: string,
    files: FakeAttachment[] = [],
    threadId = this.world.ids.next(),
  ) {
    const thread = this.world.addThread(forumId, author.id, title, threadId);
    this.gateway.dispatch("THREAD_CREATE", { ...thread, newly_created: true });
    const message = this.say(thread.id, author, content, files, thread.id);
    return { threadId: thread.id, message };
  }

  /**
   * The bot is added to another guild whose id puts it on shard `shardId` of `numShards`: its
   * GUILD_CREATE goes to the session of that shard, as Discord sends it.
   */
  joinGuild(shardId: number, numShards: number): ExtraGuild {
    const guild = this.world.addGuild(shardId, numShards);
    this.gateway.dispatch("GUILD_CREATE", this.world.guildCreate(guild.id));
    return guild;
  }

  /** A human posts in a channel or thread. */
  say(
    channelId: string,
    author: FakeUser,
    content: string,
    files: FakeAttachment[] = [],
    id?: string,
  ): FakeMessage {
    const attachments = files.map((f) => this.attachment(f));
    const message = this.world.addMessage(channelId, author, content, {
      attachments,
      ...(id ? { id } : {}),
    });
    this.gateway.dispatch("MESSAGE_CREATE", this.asSeenByBot(message));
    return message;
  }

  edit(messageId: string, content: string): void {
    const message = this.world.messages.get(messageId);
    if (!message) throw new Error(`no message ${messageId}`);
    message.content = content;
    message.edited_timestamp = new Date().toISOString();
    this.gateway.dispatch("MESSAGE_UPDATE", this.asSeenByBot(message));
  }

  slash(user: FakeUser, channelId: string, name: string, options: Record<string, string> = {}) {
    return this.interact({
      ...interactionBase(this.world, InteractionType.ApplicationCommand, { user, channelId }),
      data: slashData(this.world, name, options),
    });
  }

  messageMenu(user: FakeUser, target: FakeMessage, name = "Triage this thread") {
    return this.interact({
      ...interactionBase(this.world, InteractionType.ApplicationCommand, {
        user,
        channelId: target.channel_id,
      }),
      data: messageMenuData(this.world, name, target),
    });
  }

  click(user: FakeUser, message: FakeMessage, customId: string) {
    return this.interact({
      ...interactionBase(this.world, InteractionType.MessageComponent, {
        user,
        channelId: message.channel_id,
      }),
      message,
      data: { custom_id: customId, component_type: 2 },
    });
  }

  submitModal(user: FakeUser, channelId: string, customId: string, values: Record<string, string>) {
    return this.interact({
      ...interactionBase(this.world, InteractionType.ModalSubmit, { user, channelId }),
      data: modalData(customId, values),
    });
  }

  /** Matching REST calls get `status` (a 5xx outage, a 403) instead of their answer, `times` times. */
  failCalls(method: string, path: RegExp, status: number, times = Number.POSITIVE_INFINITY): void {
    this.rest.failures.push({ method, path, status, times });
  }

  /** Matching calls take effect, but their answer is lost: a 5xx comes back instead. */
  loseAnswers(method: string, path: RegExp, status: number, times: number): void {
    this.rest.failures.push({ method, path, status, times, after: true });
  }

  /** The next `times` matching calls never get an answer and change nothing. */
  stallCalls(method: string, path: RegExp, times = 1): void {
    this.rest.stalls.push({ method, path, times });
  }

  /** Ends every `failCalls` plan: Discord answers normally again. */
  healCalls(): void {
    this.rest.failures.length = 0;
  }

  /** The next matching REST call gets a 429 (Retry-After header, body, X-RateLimit-*). */
  rateLimitNext(plan: RateLimitPlan): void {
    this.limiter.plan(plan);
  }

  // ---- what the bot did ------------------------------------------------------------------

  botMessages(channelId: string): FakeMessage[] {
    return [...this.world.messages.values()].filter(
      (m) => m.channel_id === channelId && m.author.id === this.world.bot.id,
    );
  }

  /**
   * The bot's message writes (posts and edits) into a channel from request `from` on: a reply
   * may be a new message or an edit of the last one, as the engine decides.
   */
  writesTo(channelId: string, from = 0): RecordedRequest[] {
    const path = new RegExp(`^/channels/${channelId}/messages(/\\d+)?$`);
    return this.requests
      .slice(from)
      .filter((r) => (r.method === "POST" || r.method === "PATCH") && path.test(r.path));
  }

  /** Calls the bot made, by method and path pattern. */
  calls(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** The answers to one interaction: its callback and the webhook edits/follow-ups on its token. */
  interactionCalls(token: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(`/${token}`));
  }

  /**
   * Resolves with the probe's first truthy value: re-checked on each REST call the bot makes, and
   * every 20 ms for state that changes without one (what the engine was handed).
   */
  waitFor<T>(
    probe: () => T | undefined | null | false,
    what: string,
    timeoutMs = 10_000,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (!value) return;
        cleanup();
        resolve(value);
      };
      const poll = setInterval(check, 20);
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.requests.map((r) => `${r.method} ${r.path}`).join("\n  ");
        reject(new Error(`timed out waiting for ${what}; requests seen:\n  ${seen}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- internals -------------------------------------------------------------------------

  /** The guilds Discord would send to a session on `shard`. */
  private guildsOn([id, count]: ShardPair): string[] {
    return this.world.guildIds().filter((guildId) => shardOf(guildId, count) === id);
  }

  private wake(): void {
    for (const check of [...this.waiters]) check();
  }

  private interact(
    payload: { id: string; token: string; channel_id: string } & Record<string, unknown>,
  ) {
    this.rest.interactionChannels.set(payload.token, payload.channel_id);
    this.gateway.dispatch("INTERACTION_CREATE", payload);
    return { id: payload.id, token: payload.token };
  }

  private attachment(file: FakeAttachment) {
    const id = this.world.ids.next();
    const path = `/attachments/${id}/${file.name}`;
    this.files.set(path, file.body);
    return {
      id,
      filename: file.name,
      size: file.body.length,
      url: `${this.url}${path}`,
      proxy_url: `${this.url}${path}`,
      content_type: "text/plain",
    };
  }

  /** Without the Message Content intent Discord blanks what humans wrote, unless the bot is mentioned. */
  private asSeenByBot(message: FakeMessage) {
    const mentioned = (message.mentions as FakeUser[] | undefined)?.some(
      (u) => u.id === this.world.bot.id,
    );
    const blank = !this.gateway.hasMessageContent && !mentioned;
    return {
      ...message,
      ...(blank ? { content: "", attachments: [], embeds: [], components: [] } : {}),
      member: this.world.member(message.author, false),
    };
  }
}
