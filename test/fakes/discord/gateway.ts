import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";

/** GatewayIntentBits.MessageContent: without it Discord blanks what humans wrote. */
export const MESSAGE_CONTENT_INTENT = 1 << 15;

export interface GatewayHooks {
  token: string;
  /** READY's `d`, built when the bot identifies. */
  ready(): Record<string, unknown>;
  /** Dispatched right after READY, one per guild (else discord.js waits 15 s for them). */
  guildCreate(): Record<string, unknown>;
}

/**
 * The gateway side of the fake: HELLO, IDENTIFY (token checked, intents recorded), READY and
 * GUILD_CREATE, heartbeat ACKs, and numbered dispatches. JSON encoding, no compression: what
 * discord.js uses when zlib-sync is not installed.
 */
export class FakeGateway {
  readonly wss = new WebSocketServer({ noServer: true });
  private sockets = new Set<WebSocket>();
  private seq = 0;
  intents: number | null = null;
  identified = false;
  heartbeats = 0;

  constructor(
    server: Server,
    private readonly hooks: GatewayHooks,
  ) {
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!req.url?.startsWith("/gateway")) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws));
    });
  }

  private connected(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on("close", () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 5000 }, s: null, t: null }));
    ws.on("message", (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      if (payload.op === 1) {
        this.heartbeats++;
        ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      } else if (payload.op === 2) {
        if (payload.d.token !== this.hooks.token) {
          ws.close(4004, "Authentication failed.");
          return;
        }
        this.intents = Number(payload.d.intents);
        this.identified = true;
        this.dispatch("READY", this.hooks.ready());
        this.dispatch("GUILD_CREATE", this.hooks.guildCreate());
      }
    });
  }

  get hasMessageContent(): boolean {
    return ((this.intents ?? 0) & MESSAGE_CONTENT_INTENT) !== 0;
  }

  dispatch(event: string, data: unknown): void {
    const frame = JSON.stringify({ op: 0, t: event, s: ++this.seq, d: data });
    for (const ws of this.sockets) ws.send(frame);
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
