/** The flag bits of a gzip member header (RFC 1952, section 2.3.1). */
const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const RESERVED = 0xe0;
const DEFLATE = 8;

/** A header holds no more than a file name and a comment; past this, it is not one. */
export const MAX_GZIP_HEADER_BYTES = 1 << 20;

export type GzipHeader =
  | { kind: "header"; length: number }
  | { kind: "incomplete" }
  | { kind: "invalid"; reason: string };

/** Where the zero byte ending a FNAME or FCOMMENT field lies, or -1 when it is not there yet. */
function endOfString(bytes: Buffer, from: number): number {
  return bytes.indexOf(0, from);
}

/**
 * Reads the header of a gzip member at the start of `bytes`: how long it is, so the deflate data
 * after it can be inflated raw. "incomplete" asks for more bytes. The header's own CRC (FHCRC)
 * is part of the length; the reader checks it.
 */
export function readGzipHeader(bytes: Buffer): GzipHeader {
  if (bytes.length >= 1 && bytes[0] !== 0x1f) return { kind: "invalid", reason: "not gzip" };
  if (bytes.length >= 2 && bytes[1] !== 0x8b) return { kind: "invalid", reason: "not gzip" };
  if (bytes.length < 10) return { kind: "incomplete" };
  if (bytes[2] !== DEFLATE)
    return { kind: "invalid", reason: `unknown compression method ${bytes[2]}` };
  const flags = bytes[3] ?? 0;
  if (flags & RESERVED) return { kind: "invalid", reason: "reserved header flags set" };
  let at = 10;
  if (flags & FEXTRA) {
    if (bytes.length < at + 2) return { kind: "incomplete" };
    at += 2 + bytes.readUInt16LE(at);
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    if (bytes.length < at) return { kind: "incomplete" };
    const end = endOfString(bytes, at);
    if (end < 0) return { kind: "incomplete" };
    at = end + 1;
  }
  if (flags & FHCRC) at += 2;
  return bytes.length < at ? { kind: "incomplete" } : { kind: "header", length: at };
}
