import { isAscii } from "node:buffer";
import type { LineSink } from "../core/trace/line-splitter.js";

export interface ByteLineSplitter {
  write(chunk: Buffer): void;
  /** Flushes the last line when the input did not end with a newline. */
  end(): void;
}

/**
 * ASCII lines (nearly all of a trace) decode as latin1, a copy; others as UTF-8. Deciding per line
 * keeps one "…" in an error message from turning a whole megabyte chunk into a two-byte string.
 */
function decodeLine(line: Buffer): string {
  return line.toString(isAscii(line) ? "latin1" : "utf8");
}

/**
 * Splits bytes into lines at `\n` (memchr-fast on Buffers) and decodes each line on its own, so a
 * multi-byte character cut by a chunk boundary is rejoined before decoding. A line longer than
 * `maxLineBytes` is dropped as soon as it passes the cap and skipped to its newline, so memory
 * never holds more than the cap of one line. A trailing `\r` is removed. No view of a chunk is
 * kept once write() returns, so the caller may refill the chunk's buffer.
 */
export function createByteLineSplitter(
  sink: LineSink,
  maxLineBytes: number,
  /** A cheaper stand-in for a line, or null to decode it whole. */
  shortcut?: (line: Buffer) => string | null,
): ByteLineSplitter {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;

  const emit = (raw: Buffer) => {
    const line = raw.length > 0 && raw[raw.length - 1] === 13 ? raw.subarray(0, -1) : raw;
    if (line.length > maxLineBytes) sink.overlong();
    else sink.line(shortcut?.(line) ?? decodeLine(line));
  };

  return {
    write(chunk: Buffer): void {
      let start = 0;
      if (skipping) {
        const nl = chunk.indexOf(10);
        if (nl < 0) return;
        skipping = false;
        start = nl + 1;
      }
      for (;;) {
        const nl = chunk.indexOf(10, start);
        if (nl < 0) {
          const rest = chunk.subarray(start);
          if (pendingBytes + rest.length > maxLineBytes) {
            pending = [];
            pendingBytes = 0;
            skipping = true;
            sink.overlong();
          } else if (rest.length > 0) {
            // A copy: the chunk's buffer may be refilled by the next read.
            pending.push(Buffer.from(rest));
            pendingBytes += rest.length;
          }
          return;
        }
        const piece = chunk.subarray(start, nl);
        if (pendingBytes > 0) {
          pending.push(piece);
          emit(Buffer.concat(pending, pendingBytes + piece.length));
          pending = [];
          pendingBytes = 0;
        } else emit(piece);
        start = nl + 1;
      }
    },
    end(): void {
      if (!skipping && pendingBytes > 0) emit(Buffer.concat(pending, pendingBytes));
      pending = [];
      pendingBytes = 0;
      skipping = false;
    },
  };
}
