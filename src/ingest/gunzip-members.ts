import { crc32, createInflateRaw, type InflateRaw } from "node:zlib";
import { MAX_GZIP_HEADER_BYTES, readGzipHeader } from "./gzip-header.js";

/** zlib's codes, so callers tell "cut short" from "damaged" the same way as for createGunzip. */
function cutShort(): Error {
  return Object.assign(new Error("unexpected end of file"), { code: "Z_BUF_ERROR" });
}

function damaged(reason: string): Error {
  return Object.assign(new Error(reason), { code: "Z_DATA_ERROR" });
}

/**
 * The compressed bytes, with a way to give back what one member did not use (the next member's
 * header, the trailer). Bytes given back are copied: the source may reuse a chunk's buffer for
 * its next read.
 */
class Input {
  private held: Buffer | null = null;

  constructor(private readonly iterator: AsyncIterator<Buffer>) {}

  async next(): Promise<Buffer | null> {
    if (this.held) {
      const held = this.held;
      this.held = null;
      return held;
    }
    for (;;) {
      const next = await this.iterator.next();
      if (next.done) return null;
      if (next.value.length > 0) return next.value;
    }
  }

  unread(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.held = this.held ? Buffer.concat([bytes, this.held]) : Buffer.from(bytes);
  }

  /** At least `count` bytes (fewer only at the end of the input), the rest given back. */
  async take(count: number): Promise<Buffer> {
    let bytes = Buffer.alloc(0);
    while (bytes.length < count) {
      const next = await this.next();
      if (next === null) return bytes;
      bytes = Buffer.concat([bytes, next]);
    }
    this.unread(bytes.subarray(count));
    return bytes.subarray(0, count);
  }

  close(): Promise<unknown> | undefined {
    return this.iterator.return?.();
  }
}

/** The header's own CRC (FHCRC), when it has one: the low 16 bits of the CRC-32 of what precedes it. */
function headerCrcMatches(header: Buffer): boolean {
  if (!((header[3] ?? 0) & 0x02)) return true;
  const stored = header.readUInt16LE(header.length - 2);
  return (crc32(header.subarray(0, header.length - 2)) & 0xffff) === stored;
}

/** Skips a member's header; the input then starts at its deflate data. */
async function skipHeader(input: Input): Promise<void> {
  let bytes = Buffer.alloc(0);
  for (;;) {
    const next = await input.next();
    if (next === null) throw cutShort();
    bytes = Buffer.concat([bytes, next]);
    const header = readGzipHeader(bytes);
    if (header.kind === "header") {
      if (!headerCrcMatches(bytes.subarray(0, header.length))) throw damaged("header crc mismatch");
      input.unread(bytes.subarray(header.length));
      return;
    }
    if (header.kind === "invalid") throw damaged(`incorrect header check (${header.reason})`);
    if (bytes.length > MAX_GZIP_HEADER_BYTES) throw damaged("gzip header too long");
  }
}

function write(inflate: InflateRaw, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) =>
    inflate.write(chunk, (error) => (error ? reject(error) : resolve())),
  );
}

/**
 * Writes one member's deflate data into `inflate`, a chunk at a time (each written once zlib is
 * done with the one before, so a reused source buffer is never overwritten under it). zlib stops
 * at the end of the deflate data and says how much it took (`bytesWritten`); what it left is the
 * trailer and any next member, given back to the input. Never rejects: a failure (zlib's or the
 * source's) reaches the reader as the stream's error.
 */
async function feedMember(inflate: InflateRaw, input: Input): Promise<void> {
  try {
    let fed = 0;
    for (;;) {
      const chunk = await input.next();
      if (chunk === null) {
        // zlib says "unexpected end of file" here when the deflate data is not complete.
        inflate.end();
        return;
      }
      await write(inflate, chunk);
      fed += chunk.length;
      const unused = fed - inflate.bytesWritten;
      if (unused > 0) {
        input.unread(chunk.subarray(chunk.length - unused));
        return;
      }
    }
  } catch (error) {
    // zlib's own error ends the iteration of `inflate` already; the source's must end it too.
    inflate.destroy(error as Error);
  }
}

/** The trailer's CRC-32 and length (mod 2^32) against what was inflated. */
async function checkTrailer(input: Input, crc: number, size: number): Promise<void> {
  const trailer = await input.take(8);
  if (trailer.length < 8) throw cutShort();
  if (trailer.readUInt32LE(0) !== crc) throw damaged("incorrect data check");
  if (trailer.readUInt32LE(4) !== size % 2 ** 32) throw damaged("incorrect length check");
}

/**
 * Gzip decompression (RFC 1952), member after member (`cat a.gz b.gz`, pigz, bgzip), as 1 MiB
 * chunks of text. Headers and trailers are read here and the deflate data is inflated raw by
 * zlib, because where the CRC-32 is computed matters: createGunzip computes it on the thread
 * that inflates, and on a gzip trace that thread is the slow side while the thread reading the
 * lines waits half the time; here the CRC is computed on the reading thread. Zero bytes after the
 * last member are padding and ignored, as gzip does; anything else there is reported.
 */
export async function* gunzipMembers(
  source: AsyncIterable<Buffer>,
  chunkSize: number,
): AsyncGenerator<Buffer> {
  const input = new Input(source[Symbol.asyncIterator]());
  try {
    for (let member = 0; ; member++) {
      const start = await input.next();
      if (start === null) {
        if (member === 0) throw cutShort();
        return;
      }
      if (member > 0 && start[0] === 0) return;
      input.unread(start);
      if (member > 0 && start[0] !== 0x1f)
        throw damaged("data after the last gzip member is not gzip");
      await skipHeader(input);
      const inflate = createInflateRaw({ chunkSize });
      const feeding = feedMember(inflate, input);
      let crc = 0;
      let size = 0;
      for await (const text of inflate as AsyncIterable<Buffer>) {
        crc = crc32(text, crc);
        size += text.length;
        yield text;
      }
      await feeding;
      await checkTrailer(input, crc, size);
    }
  } finally {
    await input.close();
  }
}
