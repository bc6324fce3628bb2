import { describe, expect, it } from "vitest";
import { readGzipHeader } from "../../src/ingest/gzip-header.js";

/** A member header by hand: magic, deflate, flags, mtime, xfl, os, then the optional fields. */
function header(flags: number, fields: Buffer[] = []): Buffer {
  return Buffer.concat([Buffer.from([0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 0, 3]), ...fields]);
}

describe("readGzipHeader", () => {
  it("reads the plain ten-byte header", () => {
    expect(readGzipHeader(Buffer.concat([header(0), Buffer.from("body")]))).toEqual({
      kind: "header",
      length: 10,
    });
  });

  it("skips the extra field, the file name, the comment and the header CRC", () => {
    const extra = Buffer.from([5, 0, 1, 2, 3, 4, 5]);
    const name = Buffer.from("cache-trace.jsonl\0");
    const comment = Buffer.from("rotated nightly\0");
    const crc = Buffer.from([0xab, 0xcd]);
    const bytes = header(0x02 | 0x04 | 0x08 | 0x10, [extra, name, comment, crc]);
    expect(readGzipHeader(Buffer.concat([bytes, Buffer.from([0x55])]))).toEqual({
      kind: "header",
      length: bytes.length,
    });
    // Every shorter prefix asks for more bytes rather than guessing.
    for (let cut = 0; cut < bytes.length; cut++)
      expect(readGzipHeader(bytes.subarray(0, cut)).kind).toBe("incomplete");
  });

  it("refuses what is not a deflate member", () => {
    expect(readGzipHeader(Buffer.from('{"stage"')).kind).toBe("invalid");
    const stored = header(0);
    stored[2] = 0;
    expect(readGzipHeader(stored)).toEqual({
      kind: "invalid",
      reason: "unknown compression method 0",
    });
    expect(readGzipHeader(header(0x20)).kind).toBe("invalid");
  });
});
