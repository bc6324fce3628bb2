import { closeSync, openSync, readSync } from "node:fs";

/**
 * A file's bytes in chunks, read synchronously. The CLI has nothing else to do meanwhile, and a
 * read that waits for a thread-pool turn leaves the summariser idle: on a busy machine the stream
 * version spent close to half its time waiting.
 *
 * Every chunk is a view of the same buffer, refilled by the next read: a chunk is valid until the
 * next one is asked for, and a consumer copies what it keeps longer. A fresh megabyte per read
 * made the C allocator give memory back to the kernel and fault it in again, page by page: on a
 * 1 GiB trace that was 1.6–2.2 s against 0.9 s with one buffer.
 */
export async function* readFileChunks(path: string, chunkBytes = 1 << 20): AsyncGenerator<Buffer> {
  const fd = openSync(path, "r");
  try {
    yield* readFdChunks(fd, chunkBytes);
  } finally {
    closeSync(fd);
  }
}

/** The same from an open descriptor of a regular file (standard input redirected from a file), left open. */
export async function* readFdChunks(fd: number, chunkBytes = 1 << 20): AsyncGenerator<Buffer> {
  const buffer = Buffer.allocUnsafe(chunkBytes);
  for (;;) {
    const n = readSync(fd, buffer, 0, chunkBytes, null);
    if (n === 0) return;
    yield n === chunkBytes ? buffer : buffer.subarray(0, n);
  }
}
