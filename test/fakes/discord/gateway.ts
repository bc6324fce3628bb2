import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";

/** GatewayIntentBits.MessageContent: without it Discord blanks what humans wrote. */
export const MESSAGE_CONTENT_INTENT = 1 << 15;

/** [shard_id, num_shards], as IDENTIFY sends it and READY echoes it. */
export type ShardPair = [number, number];

export interface GatewayHooks {
  token: string;
  /** READY's `d` for a session on `shard`, built when the bot identifies. */
  ready(shard: ShardPair): Record<string, unknown>;
  /**
   * One GUILD_CREATE per guild of the shard, dispatched right after READY (else discord.js waits
   * 15 s for them).
   */
  guildCreates(shard: ShardPair): Array<Record<string, unknown>>;
  /**
   * HELLO's heartbeat interval. Short for tests; Discord's own (about 41 s) for load, where a
   * client that reads its socket late would otherwise miss an ACK and reconnect.
   */
  heartbeatIntervalMs?: number;
}

/** Discord's routing: `shard_id = (guild_id >> 22) % num_shards`. */
export function shardOf(guildId: string, numShards: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(numShards));
}

interface Session {
  ws: WebSocket;
  /** Null until IDENTIFY: an unidentified connection gets no dispatches. */
  shard: ShardPair | null;
  seq: number;
}

/**
 * The gateway side of the fake: HELLO, IDENTIFY (token and shard checked, intents recorded),
 * READY and GUILD_CREATE, heartbeat ACKs, and numbered dispatches per session. Sharded as Discord
 * is: a session identifies as `shard: [id, count]` (none means [0, 1]), gets READY and GUILD_CREATE
 * for the guilds on its shard only, and each guild's events go to the sessions of that guild's
 * shard (events without a guild, such as DMs, to shard 0). JSON encoding, no compression: what
 * discord.js uses when zlib-sync is not installed.
 */
export class FakeGateway {
  readonly wss = new WebSocketServer({ noServer: true });
  private sessions = new Set<Session>();
  intents: number | null = null;
  identified = false;
  heartbeats = 0;
  /** WebSocket connections opened, and RESUMEs asked on them (the fake does not resume). */
  connections = 0;
  resumes = 0;
  /** Every IDENTIFY's shard, in order (a reconnect identifies again). */
  readonly identifiedShards: ShardPair[] = [];

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
    const session: Session = { ws, shard: null, seq: 0 };
    this.sessions.add(session);
    this.connections++;
    ws.on("close", () => this.sessions.delete(session));
    const interval = this.hooks.heartbeatIntervalMs ?? 5000;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: interval }, s: null, t: null }));
    ws.on("message", (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      if (payload.op === 1) {
        this.heartbeats++;
        ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      } else if (payload.op === 2) {
        this.identify(session, payload.d);
      } else if (payload.op === 6) {
        this.resumes++;
      }
    });
  }

  private identify(session: Session, d: Record<string, unknown>): void {
    if (d.token !== this.hooks.token) {
      session.ws.close(4004, "Authentication failed.");
      return;
    }
    const shard = (d.shard ?? [0, 1]) as unknown;
    if (!validShard(shard)) {
      session.ws.close(4010, "Invalid shard.");
      return;
    }
    this.intents = Number(d.intents);
    this.identified = true;
    this.identifiedShards.push(shard);
    session.shard = shard;
    this.send(session, "READY", this.hooks.ready(shard));
    for (const guild of this.hooks.guildCreates(shard)) this.send(session, "GUILD_CREATE", guild);
  }

  get hasMessageContent(): boolean {
    return ((this.intents ?? 0) & MESSAGE_CONTENT_INTENT) !== 0;
  }

  /** Sends a dispatch to every session of the shard its guild belongs to. */
  dispatch(event: string, data: unknown): void {
    const guildId = routingGuild(event, data);
    for (const session of this.sessions) {
      if (!session.shard) continue;
      const [id, count] = session.shard;
      if ((guildId === null ? 0 : shardOf(guildId, count)) === id) this.send(session, event, data);
    }
  }

  private send(session: Session, event: string, data: unknown): void {
    session.ws.send(JSON.stringify({ op: 0, t: event, s: ++session.seq, d: data }));
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function validShard(shard: unknown): shard is ShardPair {
  if (!Array.isArray(shard) || shard.length !== 2) return false;
  const [id, count] = shard as [unknown, unknown];
  return (
    Number.isInteger(id) && Number.isInteger(count) && 0 <= Number(id) && Number(id) < Number(count)
  );
}

/** The guild an event belongs to: its `guild_id`, or for GUILD_* events the guild itself. */
function routingGuild(event: string, data: unknown): string | null {
  const d = (data ?? {}) as { guild_id?: unknown; id?: unknown };
  if (typeof d.guild_id === "string") return d.guild_id;
  if (event.startsWith("GUILD_") && typeof d.id === "string") return d.id;
  return null;
}
