import { open } from "node:fs/promises";
import { UsageError } from "./io.js";

/** Most bytes read from standard input; the engine itself reads a bounded prefix of each message. */
export const MAX_STDIN_BYTES = 64 * 1024 * 1024;

export async function readAllText(stream: NodeJS.ReadableStream, name: string): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    total += buffer.length;
    if (total > MAX_STDIN_BYTES) break;
    chunks.push(buffer);
  }
  const buffer = Buffer.concat(chunks);
  if (buffer.length === 0) throw new UsageError(`${name} is empty`);
  return decodeText(buffer, name);
}

/** Text, or a clear refusal for binary input (a NUL-heavy or non-text file). */
export function decodeText(buffer: Buffer, name: string): string {
  const sample = buffer.subarray(0, 4096);
  let nul = 0;
  for (const byte of sample) if (byte === 0) nul++;
  if (sample.length > 0 && nul / sample.length > 0.05)
    throw new UsageError(`${name} is not text (binary content)`);
  if (sample[0] === 0x1f && sample[1] === 0x8b)
    throw new UsageError(
      `${name} is gzip-compressed: use \`trace\` for traces, or decompress it first`,
    );
  return buffer.toString("utf8");
}

/**
 * The first `max` bytes of a file: the engine reads a bounded prefix anyway, and a 2 GB log must
 * not be loaded whole (`analyze` and `issue` both read files this way).
 */
export async function readHead(file: string, max: number = MAX_STDIN_BYTES): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(Math.min(max, (await handle.stat()).size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
