import { closeSync, openSync, readSync } from "node:fs";

/**
 * A file's bytes in chunks, read synchronously. The CLI has nothing else to do meanwhile, and a
 * read that waits for a thread-pool turn leaves the summariser idle: on a busy machine the stream
 * version spent close to half its time waiting. Each chunk is a fresh buffer because a line
 * split across chunks keeps a view of the previous one.
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
  for (;;) {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const n = readSync(fd, buffer, 0, chunkBytes, null);
    if (n === 0) return;
    yield n === chunkBytes ? buffer : buffer.subarray(0, n);
  }
}
