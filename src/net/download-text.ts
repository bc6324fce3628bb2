import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { formatBytes } from "./format-bytes.js";
import { type RetryOptions, requestWithRetry } from "./request-with-retry.js";

export interface DownloadTextOptions {
  /** Stop after this many bytes of text (after gunzip); the part read is kept. */
  maxBytes: number;
  headers?: Record<string, string>;
  /** The file's name, for the notes the user sees ("trace.jsonl"). */
  name?: string;
  signal?: AbortSignal;
  retry?: RetryOptions;
}

export interface DownloadedText {
  /** The text read: whole lines only when cut, never a half character. Empty when unreadable. */
  text: string;
  /** Bytes taken from the network (compressed bytes for gzip). */
  bytesRead: number;
  /** True when maxBytes stopped the reading early. */
  truncated: boolean;
  gzip: boolean;
  /** A sentence for the user when the text was cut, is not text, or could not be fetched. */
  note?: string;
}

/** NUL never occurs in text; looking at the first 8 KiB is enough to refuse a binary file. */
const SNIFF_BYTES = 8192;

function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Splits off the first chunk(s) until the gzip magic can be checked, then replays everything. */
async function sniffGzip(
  source: AsyncIterable<Buffer>,
): Promise<{ gzip: boolean; chunks: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < 2) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    size += next.value.length;
  }
  const first = Buffer.concat(head);
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      if (first.length > 0) yield first;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { gzip: isGzip(first), chunks: replay() };
}

function gunzip(chunks: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const out = createGunzip();
  // Errors reach the consumer through the iteration of `out`; stopping early frees the source.
  pipeline(Readable.from(chunks), out).catch(() => undefined);
  return out;
}

/** The part read, cut after its last complete line so a JSONL record is never half there. */
function decode(parts: Buffer[], truncated: boolean): string {
  const decoder = new StringDecoder("utf8");
  let text = parts.map((p) => decoder.write(p)).join("");
  if (!truncated) return text + decoder.end();
  const lastBreak = text.lastIndexOf("\n");
  if (lastBreak > 0) text = text.slice(0, lastBreak + 1);
  return text;
}

function label(name: string | undefined): string {
  return name ? `\`${name}\`` : "the attachment";
}

/**
 * Downloads a text file without holding more than `maxBytes` of it: streams the body, detects
 * gzip by its magic bytes (whatever the file is called) and gunzips in-stream under the same
 * cap, refuses binary content, and never throws for a bad file or a failed download: the `note`
 * says what happened, in words fit for the user's thread.
 */
export async function downloadText(
  url: string | URL,
  options: DownloadTextOptions,
): Promise<DownloadedText> {
  const { maxBytes, name } = options;
  const empty = { text: "", bytesRead: 0, truncated: false, gzip: false };
  let response: Awaited<ReturnType<typeof requestWithRetry>>;
  try {
    response = await requestWithRetry(
      url,
      {
        ...(options.headers ? { headers: options.headers } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
      options.retry,
    );
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return {
      ...empty,
      note: `${label(name)} could not be downloaded (${(error as Error).message}).`,
    };
  }
  if (response.status < 200 || response.status >= 300) {
    await response.body.dump().catch(() => undefined);
    return { ...empty, note: `${label(name)} could not be downloaded (HTTP ${response.status}).` };
  }

  let bytesRead = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of response.body) {
      bytesRead += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  const { gzip, chunks } = await sniffGzip(counted());
  const decoded = gzip ? gunzip(chunks) : chunks;

  const parts: Buffer[] = [];
  let total = 0;
  let truncated = false;
  let damaged: string | null = null;
  try {
    for await (const chunk of decoded) {
      let buffer = chunk as Buffer;
      if (total < SNIFF_BYTES && buffer.subarray(0, SNIFF_BYTES - total).includes(0)) {
        return {
          text: "",
          bytesRead,
          truncated: false,
          gzip,
          note: `${label(name)} is not text (binary content), so it was not read. Attach a .jsonl, .log, .txt or .json file, or a .gz of one.`,
        };
      }
      if (total + buffer.length > maxBytes) {
        buffer = buffer.subarray(0, maxBytes - total);
        truncated = true;
      }
      parts.push(buffer);
      total += buffer.length;
      if (truncated) break;
    }
  } catch (error) {
    if (options.signal?.aborted) throw error;
    damaged = (error as Error).message;
  }

  const text = decode(parts, truncated || damaged !== null);
  const result: DownloadedText = { text, bytesRead, truncated, gzip };
  if (truncated) {
    result.note = `Only the first ${formatBytes(maxBytes)} of ${label(name)} ${gzip ? "(after decompression) " : ""}were read; the rest was skipped. The diagnosis covers the part read.`;
  } else if (damaged !== null) {
    result.note = `${label(name)} ended early or is damaged (${damaged}); the ${formatBytes(total)} before that were read.`;
  }
  return result;
}
