import { PassThrough } from "node:stream";
import type { CliIo } from "../../src/cli/io.js";

/** In-memory streams for `runCli`: stdin holds `stdinText`, and stdout/stderr are collected. */
export function memoryIo(stdinText = ""): { io: CliIo; out: () => string; err: () => string } {
  const stdin = new PassThrough();
  stdin.end(stdinText);
  let out = "";
  let err = "";
  return {
    io: {
      stdin,
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
    },
    out: () => out,
    err: () => err,
  };
}
