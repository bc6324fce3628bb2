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
