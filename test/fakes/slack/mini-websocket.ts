/**
 * A minimal WebSocket server side (RFC 6455) for the fake Socket Mode endpoint: handshake, text
 * frames, ping/pong and the close handshake. Enough for @slack/socket-mode's undici client;
 * written here because `ws` is not a dependency of ours.
 */
import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 65536
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)]);
  return Buffer.concat([head, payload]);
}

function bigLength(length: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(length));
  return b;
}

/** One client connection: emits "message" (text) and "close". */
export class MiniSocket extends EventEmitter {
  private buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  closed = false;

  constructor(private readonly socket: Duplex) {
    super();
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("close", () => this.finish());
    socket.on("error", () => this.finish());
  }

  send(text: string): void {
    if (!this.closed) this.socket.write(frame(0x1, Buffer.from(text, "utf8")));
  }

  /** Starts the close handshake; the socket is destroyed if the client does not answer in 1 s. */
  close(code = 1000): Promise<void> {
    if (this.closed) return Promise.resolve();
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(code);
    this.socket.write(frame(0x8, payload));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.socket.destroy();
        resolve();
      }, 1000);
      this.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit("close");
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const parsed = this.parse();
      if (!parsed) return;
      this.handle(parsed.fin, parsed.opcode, parsed.payload);
    }
  }

  private parse(): { fin: boolean; opcode: number; payload: Buffer } | null {
    const b = this.buffer;
    if (b.length < 2) return null;
    const first = b[0] ?? 0;
    const second = b[1] ?? 0;
    let length = second & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (b.length < 4) return null;
      length = b.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (b.length < 10) return null;
      length = Number(b.readBigUInt64BE(2));
      offset = 10;
    }
    const masked = (second & 0x80) !== 0;
    const maskEnd = offset + (masked ? 4 : 0);
    if (b.length < maskEnd + length) return null;
    const payload = Buffer.from(b.subarray(maskEnd, maskEnd + length));
    if (masked) {
      const mask = b.subarray(offset, maskEnd);
      for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
    }
    this.buffer = b.subarray(maskEnd + length);
    return { fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload };
  }

  private handle(fin: boolean, opcode: number, payload: Buffer): void {
    if (opcode === 0x9) {
      this.socket.write(frame(0xa, payload));
      return;
    }
    if (opcode === 0xa) return;
    if (opcode === 0x8) {
      if (!this.closed) this.socket.end(frame(0x8, payload.subarray(0, 2)));
      this.finish();
      return;
    }
    this.fragments.push(payload);
    if (!fin) return;
    const text = Buffer.concat(this.fragments).toString("utf8");
    this.fragments = [];
    this.emit("message", text);
  }
}

/** Completes the upgrade handshake and hands over the connection. */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex): MiniSocket | null {
  const key = req.headers["sec-websocket-key"];
  if (typeof key !== "string") {
    socket.destroy();
    return null;
  }
  const accept = createHash("sha1")
    .update(key + GUID)
    .digest("base64");
  socket.write(
    [
      "HTTP/1.1 101 Switching Protocols",
      "Upgrade: websocket",
      "Connection: Upgrade",
      `Sec-WebSocket-Accept: ${accept}`,
      "",
      "",
    ].join("\r\n"),
  );
  return new MiniSocket(socket);
}
