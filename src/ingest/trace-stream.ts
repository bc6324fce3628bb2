import { createTraceSummarizer } from "../core/trace/summarizer.js";
import type { TraceSummarizerOptions, TraceSummary } from "../core/trace/types.js";
import { createByteLineSplitter } from "./byte-lines.js";
import { gunzipMembers } from "./gunzip-members.js";
import { headOnlyLine } from "./head-only.js";

export interface TraceStreamOptions extends TraceSummarizerOptions {
  /** Stop after this many (decompressed) bytes; the summary then covers the part read. */
  maxBytes?: number;
  /** Sees every line the summariser gets (a timeline reading the same pass, say). */
  onLine?: (line: string) => void;
}

export interface TraceStreamResult {
  summary: TraceSummary;
  /** Bytes taken from the source (compressed bytes for gzip). */
  bytesRead: number;
  /** Bytes of text summarised (after gunzip). */
  bytesDecoded: number;
  gzip: boolean;
  /** True when maxBytes stopped the reading early. */
  truncated: boolean;
  /** Why reading stopped early (a gzip stream cut short, a read error); the summary covers what came before. */
  error: string | null;
}

/** The input is not text (NUL bytes at the start): a binary file or an unknown compression. */
export class NotTextError extends Error {
  constructor(message = "not a text file (binary content)") {
    super(message);
    this.name = "NotTextError";
  }
}

type Chunk = Uint8Array | string;

/**
 * zlib's default 16 KiB output chunk costs a stream turn and a line-splitter call per 16 KiB:
 * 1 MiB chunks made gzip traces about three times faster to summarise.
 */
const GUNZIP_CHUNK_BYTES = 1 << 20;

function toBuffer(chunk: Chunk): Buffer {
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  return Buffer.isBuffer(chunk)
    ? chunk
    : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Reads until two bytes are known (gzip's magic number is 1f 8b), then replays them. */
async function sniff(
  source: AsyncIterable<Chunk>,
  onBytes: (n: number) => void,
): Promise<{ gzip: boolean; stream: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  while (size < 2) {
    const next = await iterator.next();
    if (next.done) break;
    const buffer = toBuffer(next.value);
    onBytes(buffer.length);
    head.push(buffer);
    size += buffer.length;
  }
  const first = Buffer.concat(head);
  const gzip = first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      if (first.length > 0) yield first;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        const buffer = toBuffer(next.value);
        onBytes(buffer.length);
        yield buffer;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { gzip, stream: replay() };
}

/** zlib's own words ("unexpected end of file") do not say that it is the gzip data that is at fault. */
function readError(caught: Error, gzip: boolean): string {
  const code = (caught as NodeJS.ErrnoException).code;
  if (gzip && code === "Z_BUF_ERROR") return `gzip data cut short: ${caught.message}`;
  if (gzip && code === "Z_DATA_ERROR") return `gzip data damaged: ${caught.message}`;
  return caught.message;
}

/**
 * Summarises an OpenClaw cache trace from any byte source (a file stream, stdin, a chat
 * attachment's body) without holding it whole: gzip is detected by its magic bytes, bytes are
 * split into capped lines and each line decoded on its own. Memory stays bounded by the summariser's
 * caps and the line cap, whatever the input size.
 *
 * The source may reuse a chunk's buffer once the next chunk is asked for (readFdChunks does):
 * nothing here keeps a view of a chunk past that (the line splitter copies a partial line, the
 * gunzip gives zlib one chunk at a time and copies what it gives back).
 */
export async function summarizeTraceStream(
  source: AsyncIterable<Chunk>,
  options: TraceStreamOptions = {},
): Promise<TraceStreamResult> {
  const { maxBytes = Number.POSITIVE_INFINITY, onLine, ...summarizerOptions } = options;
  const summarizer = createTraceSummarizer(summarizerOptions);
  const push = onLine
    ? (l: string) => {
        summarizer.push(l);
        onLine(l);
      }
    : (l: string) => summarizer.push(l);
  const splitter = createByteLineSplitter(
    { line: push, overlong: () => summarizer.countOverlong() },
    summarizerOptions.maxLineChars ?? 8 * 1024 * 1024,
    // Strict mode parses every line, so it needs every line whole.
    summarizerOptions.strict ? undefined : headOnlyLine,
  );
  let bytesRead = 0;
  let bytesDecoded = 0;
  let truncated = false;
  let error: string | null = null;
  const { gzip, stream } = await sniff(source, (n) => {
    bytesRead += n;
  });
  const text: AsyncIterable<Buffer> = gzip ? gunzipMembers(stream, GUNZIP_CHUNK_BYTES) : stream;
  let sniffed = 0;
  try {
    for await (const chunk of text) {
      let buffer = chunk as Buffer;
      // Text never has NUL bytes; looking at the first 8 KiB is enough to refuse a binary file.
      if (sniffed < 8192) {
        if (buffer.subarray(0, 8192 - sniffed).includes(0)) throw new NotTextError();
        sniffed += buffer.length;
      }
      if (bytesDecoded + buffer.length > maxBytes) {
        buffer = buffer.subarray(0, Math.max(0, maxBytes - bytesDecoded));
        truncated = true;
      }
      bytesDecoded += buffer.length;
      splitter.write(buffer);
      if (truncated) break;
    }
  } catch (caught) {
    if (caught instanceof NotTextError) throw caught;
    error = readError(caught as Error, gzip);
  }
  // A line cut by the byte cap is ours, not the file's: it is dropped, not counted malformed.
  if (!truncated) splitter.end();
  return { summary: summarizer.summary(), bytesRead, bytesDecoded, gzip, truncated, error };
}
