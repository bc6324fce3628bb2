import { crc32, deflateRawSync, gunzipSync, gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gunzipMembers } from "../../src/ingest/gunzip-members.js";

async function* chunks(buffer: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

/** Chunks cut at the given offsets, so a test can put a boundary exactly where it wants one. */
async function* cutAt(buffer: Buffer, offsets: number[]): AsyncGenerator<Buffer> {
  let from = 0;
  for (const to of [...offsets, buffer.length]) {
    if (to > from) yield buffer.subarray(from, to);
    from = Math.max(from, to);
  }
}

async function gunzip(source: AsyncIterable<Buffer>, chunkSize = 4096): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const text of gunzipMembers(source, chunkSize)) out.push(Buffer.from(text));
  return Buffer.concat(out);
}

async function failure(source: AsyncIterable<Buffer>): Promise<{ code: string; message: string }> {
  try {
    await gunzip(source);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return { code: code ?? "", message };
  }
  throw new Error("gunzip did not fail");
}

/** Text that compresses, but not to nothing: lines of a made-up trace. */
function text(lines: number, seed = 1): Buffer {
  const out: string[] = [];
  for (let i = 0; i < lines; i++)
    out.push(JSON.stringify({ stage: "stream:context", seq: i, run: `r${(i * seed) % 97}` }));
  return Buffer.from(`${out.join("\n")}\n`);
}

/** A member with every optional header field, built by hand around a raw deflate body. */
function memberWithAllFields(body: Buffer): Buffer {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(body), 0);
  trailer.writeUInt32LE(body.length, 4);
  const header = Buffer.concat([
    Buffer.from([0x1f, 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3]),
    Buffer.from([3, 0, 9, 9, 9]),
    Buffer.from("trace.jsonl\0a comment\0"),
  ]);
  const headerCrc = Buffer.alloc(2);
  headerCrc.writeUInt16LE(crc32(header) & 0xffff, 0);
  return Buffer.concat([header, headerCrc, deflateRawSync(body), trailer]);
}

describe("gunzipMembers", () => {
  it("inflates what gzipSync wrote, whatever the chunks", async () => {
    const plain = text(3000);
    const gz = gzipSync(plain);
    for (const size of [1, 9, 10, 11, 4096, gz.length])
      expect((await gunzip(chunks(gz, size))).equals(plain)).toBe(true);
  });

  it("reads a header with an extra field, a name, a comment and a header CRC", async () => {
    const plain = text(500);
    const gz = memberWithAllFields(plain);
    expect(gunzipSync(gz).equals(plain)).toBe(true);
    for (const size of [1, 3, 64 * 1024])
      expect((await gunzip(chunks(gz, size))).equals(plain)).toBe(true);
  });

  it("reads members one after the other, wherever the chunks cut them", async () => {
    const a = text(800, 3);
    const b = text(900, 5);
    const first = gzipSync(a);
    const gz = Buffer.concat([first, gzipSync(b), memberWithAllFields(a)]);
    const expected = Buffer.concat([a, b, a]);
    // A boundary just before, at and after the end of the first member's deflate data and trailer.
    for (const at of [first.length - 9, first.length - 8, first.length - 1, first.length])
      expect((await gunzip(cutAt(gz, [at]))).equals(expected)).toBe(true);
  });

  it("reads the same bytes as zlib for any text and any chunking", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 3000 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat({ max: 12_000 }), { maxLength: 6 }),
        async (parts, cuts) => {
          const gz = Buffer.concat(parts.map((p) => gzipSync(p)));
          const out = await gunzip(
            cutAt(
              gz,
              [...cuts].sort((x, y) => x - y),
            ),
            1024,
          );
          expect(out.equals(gunzipSync(gz))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("ignores zero bytes after the last member, as gzip does", async () => {
    const plain = text(100);
    const gz = Buffer.concat([gzipSync(plain), Buffer.alloc(512)]);
    expect((await gunzip(chunks(gz, 100))).equals(plain)).toBe(true);
  });

  it("says when other data follows the last member", async () => {
    const gz = Buffer.concat([gzipSync(text(100)), Buffer.from("PK\x03\x04")]);
    expect(await failure(chunks(gz, 64))).toEqual({
      code: "Z_DATA_ERROR",
      message: "data after the last gzip member is not gzip",
    });
  });

  it("checks the header's own CRC", async () => {
    const gz = memberWithAllFields(text(10));
    const at = gz.indexOf("a comment") - 2;
    gz[at] = (gz[at] ?? 0) ^ 1; // a letter of the file name
    expect(await failure(chunks(gz, 7))).toEqual({
      code: "Z_DATA_ERROR",
      message: "header crc mismatch",
    });
  });

  it("checks the trailer's CRC and length", async () => {
    const gz = gzipSync(text(200));
    const badCrc = Buffer.from(gz);
    badCrc[gz.length - 8] = (badCrc[gz.length - 8] ?? 0) ^ 1;
    expect(await failure(chunks(badCrc, 500))).toEqual({
      code: "Z_DATA_ERROR",
      message: "incorrect data check",
    });
    const badLength = Buffer.from(gz);
    badLength[gz.length - 1] = (badLength[gz.length - 1] ?? 0) ^ 1;
    expect((await failure(chunks(badLength, 500))).message).toBe("incorrect length check");
  });

  it("says that data is cut short: in the deflate data, in the trailer, in the header", async () => {
    const gz = gzipSync(text(2000));
    for (const end of [gz.length >> 1, gz.length - 3, 5])
      expect(await failure(chunks(gz.subarray(0, end), 333))).toEqual({
        code: "Z_BUF_ERROR",
        message: "unexpected end of file",
      });
  });

  it("reports damaged deflate data with zlib's own code", async () => {
    const gz = Buffer.from(gzipSync(text(5000)));
    gz.fill(0xff, gz.length >> 1, (gz.length >> 1) + 64);
    expect((await failure(chunks(gz, 4096))).code).toBe("Z_DATA_ERROR");
  });

  it("is safe with a source that refills one buffer for every chunk", async () => {
    const plain = text(4000);
    const gz = Buffer.concat([gzipSync(plain), gzipSync(plain)]);
    async function* refilled(): AsyncGenerator<Buffer> {
      const buffer = Buffer.alloc(700);
      for (let at = 0; at < gz.length; at += buffer.length) {
        const n = gz.copy(buffer, 0, at, at + buffer.length);
        yield buffer.subarray(0, n);
        buffer.fill(0xee); // what a careless consumer would read as its next header or trailer
      }
    }
    expect((await gunzip(refilled())).equals(Buffer.concat([plain, plain]))).toBe(true);
  });

  it("ends with the source's error when the source fails mid-member", async () => {
    const gz = gzipSync(text(5000));
    async function* failing(): AsyncGenerator<Buffer> {
      yield gz.subarray(0, gz.length >> 1);
      throw Object.assign(new Error("EIO: i/o error, read"), { code: "EIO" });
    }
    expect(await failure(failing())).toEqual({ code: "EIO", message: "EIO: i/o error, read" });
  });

  it("closes the source when the reader stops early", async () => {
    const gz = gzipSync(text(20_000));
    let closed = false;
    async function* source(): AsyncGenerator<Buffer> {
      try {
        yield* chunks(gz, 1000);
      } finally {
        closed = true;
      }
    }
    for await (const _ of gunzipMembers(source(), 1024)) break;
    expect(closed).toBe(true);
  });
});
