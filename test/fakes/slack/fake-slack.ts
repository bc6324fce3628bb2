/**
 * A fake Slack for end-to-end tests, on 127.0.0.1 and an OS-assigned port: the Web API methods
 * the bot calls (recorded for assertions), private file downloads, response_url, 429s with
 * Retry-After on demand, and the Socket Mode WebSocket behind apps.connections.open.
 */
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeSlackState } from "./fake-slack-state.js";
import { acceptWebSocket, type MiniSocket } from "./mini-websocket.js";
import { answerMethod } from "./web-api-methods.js";

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  authorization: string | undefined;
}

interface RateLimit {
  retryAfterSeconds: number;
  remaining: number;
  /** Until when every call to the method gets 429 again (what Slack does to early retries). */
  until: number;
}

function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  return (await readRaw(req)).toString("utf8");
}

/** The file's bytes from an upload: the client posts them raw or as the one part of a form. */
async function uploadedBytes(req: IncomingMessage): Promise<Buffer> {
  const raw = await readRaw(req);
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("multipart/form-data")) return raw;
  const form = await new Request("http://x/", {
    method: "POST",
    headers: { "content-type": type },
    body: raw,
  }).formData();
  for (const value of form.values())
    if (typeof value !== "string") return Buffer.from(await value.arrayBuffer());
  return raw;
}

/** Form fields as Slack's client sends them: objects (blocks, view) are JSON in a field. */
function parseParams(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes("application/json")) return body ? JSON.parse(body) : {};
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    params[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return params;
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

export class FakeSlack {
  readonly state = new FakeSlackState();
  readonly botToken = "xoxb-fake-0000-token";
  readonly appToken = "xapp-fake-0000-token";
  readonly calls: ApiCall[] = [];
  readonly fileRequests: Array<{ path: string; authorization: string | undefined }> = [];
  readonly responses: Array<{ id: string; body: Record<string, unknown> }> = [];
  /** Calls that came back before the Retry-After we asked for had passed. */
  earlyRetries = 0;
  readonly rateLimited: string[] = [];
  private readonly limits = new Map<string, RateLimit>();
  private readonly holds: Array<{ method: string; where: (call: ApiCall) => boolean }> = [];
  private readonly released = new EventEmitter();
  private readonly events = new EventEmitter();
  private readonly sockets = new Set<MiniSocket>();
  private readonly acks = new Map<string, (ack: Record<string, unknown>) => void>();
  private server!: Server;
  url = "";

  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    fake.server = createServer((req, res) => {
      fake
        .route(req, res)
        .catch((error: Error) => json(res, 500, { ok: false, error: error.message }));
    });
    fake.server.on("upgrade", (req, socket) => fake.upgrade(req, socket));
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    fake.state.uploadBase = `${fake.url}/upload/`;
    return fake;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** The next `times` calls to `method` get 429 with `Retry-After: seconds`. */
  rateLimit(method: string, seconds: number, times = 1): void {
    this.limits.set(method, { retryAfterSeconds: seconds, remaining: times, until: 0 });
  }

  /** A private file the bot can download with its token; returns the event's file object. */
  addFile(
    name: string,
    content: string | Buffer,
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> {
    const id = `F${this.state.nextId()}`;
    const path = `/files-pri/${this.state.teamId}-${id}/${name}`;
    this.state.fileBodies.set(path, Buffer.isBuffer(content) ? content : Buffer.from(content));
    const file = {
      id,
      name,
      title: name,
      mode: "hosted",
      size: Buffer.byteLength(content),
      url_private: `${this.url}${path}`,
      url_private_download: `${this.url}${path}`,
      ...extra,
    };
    this.state.fileObjects.set(id, file);
    return file;
  }

  /**
   * Calls to `method` matching `where` are recorded at once but answered only after the returned
   * function is called: the bot is caught in the middle of handling an event.
   */
  hold(method: string, where: (call: ApiCall) => boolean = () => true): () => void {
    const hold = { method, where };
    this.holds.push(hold);
    return () => {
      this.holds.splice(this.holds.indexOf(hold), 1);
      this.released.emit("release");
    };
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first call to `method` matching `where`, already made or still to come. */
  waitFor(
    method: string,
    where: (call: ApiCall) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<ApiCall> {
    const found = this.calls.find((c) => c.method === method && where(c));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off("call", listener);
        const seen = this.calls.map((c) => c.method).join(", ");
        reject(new Error(`no ${method} call within ${timeoutMs} ms (saw: ${seen || "none"})`));
      }, timeoutMs);
      const listener = (call: ApiCall) => {
        if (call.method !== method || !where(call)) return;
        clearTimeout(timer);
        this.events.off("call", listener);
        resolve(call);
      };
      this.events.on("call", listener);
    });
  }

  /** Pushes a Socket Mode envelope to the connected client; resolves with its ack. */
  sendEnvelope(
    type: "events_api" | "slash_commands" | "interactive",
    payload: unknown,
    /** Slack's count of earlier tries of the same event: a redelivery comes in a new envelope. */
    retryAttempt = 0,
  ): Promise<Record<string, unknown>> {
    const socket = [...this.sockets][0];
    if (!socket) throw new Error("no Socket Mode connection");
    const envelopeId = `env-${this.state.nextId()}`;
    return new Promise((resolve) => {
      this.acks.set(envelopeId, resolve);
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== "events_api",
          retry_attempt: retryAttempt,
          retry_reason: retryAttempt > 0 ? "timeout" : "",
        }),
      );
    });
  }

  get socketConnections(): number {
    return this.sockets.size;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.sockets].map((s) => s.close()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", this.url).pathname;
    if (req.method === "GET" && path.startsWith("/files-pri/")) return this.file(path, req, res);
    if (req.method === "POST" && path.startsWith("/upload/")) {
      // files.getUploadURLExternal's upload_url: Slack answers 200 "OK - <bytes>".
      const bytes = await uploadedBytes(req);
      this.state.uploads.set(path.slice("/upload/".length), bytes);
      res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${bytes.length}`);
      return;
    }
    const body = await readBody(req);
    if (path.startsWith("/respond/")) {
      this.responses.push({ id: path.slice("/respond/".length), body: JSON.parse(body || "{}") });
      res.end("ok");
      return;
    }
    if (!path.startsWith("/api/")) return json(res, 404, { ok: false, error: "not_found" });
    const method = path.slice("/api/".length);
    const limited = this.limited(method);
    if (limited !== null) {
      this.rateLimited.push(method);
      return json(
        res,
        429,
        { ok: false, error: "ratelimited" },
        { "retry-after": String(limited) },
      );
    }
    const call: ApiCall = {
      method,
      params: parseParams(body, req.headers["content-type"]),
      authorization: req.headers.authorization,
    };
    const held = this.isHeld(call);
    const answer = held ? null : this.answer(call);
    this.calls.push(call);
    this.events.emit("call", call);
    if (held) await new Promise<void>((resolve) => this.whenReleased(call, resolve));
    json(res, 200, answer ?? this.answer(call));
  }

  private isHeld(call: ApiCall): boolean {
    return this.holds.some((h) => h.method === call.method && h.where(call));
  }

  private whenReleased(call: ApiCall, resolve: () => void): void {
    const check = () => {
      if (this.isHeld(call)) return;
      this.released.off("release", check);
      resolve();
    };
    this.released.on("release", check);
  }

  /** Retry-After seconds when this call must be refused, else null. */
  private limited(method: string): number | null {
    const limit = this.limits.get(method);
    if (!limit) return null;
    const now = Date.now();
    if (now < limit.until) {
      this.earlyRetries += 1;
      return Math.ceil((limit.until - now) / 1000);
    }
    if (limit.remaining <= 0) return null;
    limit.remaining -= 1;
    limit.until = now + limit.retryAfterSeconds * 1000;
    return limit.retryAfterSeconds;
  }

  private answer(call: ApiCall): Record<string, unknown> {
    if (call.method === "apps.connections.open") {
      if (call.authorization !== `Bearer ${this.appToken}`)
        return { ok: false, error: "invalid_auth" };
      return {
        ok: true,
        url: `${this.url.replace("http:", "ws:")}/link/?ticket=t${this.state.nextId()}`,
      };
    }
    if (call.authorization !== `Bearer ${this.botToken}`) return { ok: false, error: "not_authed" };
    return answerMethod(this.state, call.method, call.params);
  }

  private file(path: string, req: IncomingMessage, res: ServerResponse): void {
    this.fileRequests.push({ path, authorization: req.headers.authorization });
    const body = this.state.fileBodies.get(path);
    if (req.headers.authorization !== `Bearer ${this.botToken}`) {
      res.writeHead(403).end();
      return;
    }
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "content-type": "application/octet-stream",
      "content-length": body.length,
    });
    res.end(body);
  }

  private upgrade(req: IncomingMessage, socket: import("node:stream").Duplex): void {
    if (!req.url?.startsWith("/link/")) {
      socket.destroy();
      return;
    }
    const ws = acceptWebSocket(req, socket);
    if (!ws) return;
    this.sockets.add(ws);
    ws.on("close", () => this.sockets.delete(ws));
    ws.on("message", (text: string) => {
      const ack = JSON.parse(text) as { envelope_id?: string };
      const resolve = ack.envelope_id ? this.acks.get(ack.envelope_id) : undefined;
      if (ack.envelope_id) this.acks.delete(ack.envelope_id);
      resolve?.(ack as Record<string, unknown>);
    });
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        debug_info: { host: "fake" },
        connection_info: { app_id: "A0FAKE" },
      }),
    );
  }
}
