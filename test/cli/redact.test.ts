import { spawn } from "node:child_process";
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { fillFixture, readFixture } from "../core/redact/support/fill.js";
import { createRng } from "../core/redact/support/prng.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const KEY = "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW";
const MARKER = Buffer.from("…[redacted]", "utf8");

/** Bytes that are not UTF-8 at all, CRLF, NUL, a lone lead byte, trailing spaces. */
const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(
    parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))),
  );

const BINARYISH_IN = bytes(
  "line one\r\n",
  [0xff, 0xfe, 0x00, 0x80, 0x9f],
  ` GEMINI_API_KEY=${KEY}  \r\n`,
  "café 😀\t\r\n",
  [0xc3],
  "\r\nend   ",
);
const BINARYISH_OUT = bytes(
  "line one\r\n",
  [0xff, 0xfe, 0x00, 0x80, 0x9f],
  " GEMINI_API_KEY=AIza",
  [...MARKER],
  "  \r\n",
  "café 😀\t\r\n",
  [0xc3],
  "\r\nend   ",
);

function memoryIo(chunks: Buffer[]) {
  const out: Buffer[] = [];
  const err: string[] = [];
  const io = {
    stdin: Readable.from(chunks),
    stdout: new Writable({
      write(chunk: Buffer, _encoding, done) {
        out.push(Buffer.from(chunk));
        done();
      },
    }),
    stderr: { write: (s: string) => err.push(s) },
  };
  return { io, stdout: () => Buffer.concat(out), stderr: () => err.join("") };
}

function chunked(buffer: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < buffer.length; at += size) chunks.push(buffer.subarray(at, at + size));
  return chunks;
}

describe("redact command", () => {
  it("keeps every non-secret byte: invalid UTF-8, NUL, CRLF, trailing whitespace", async () => {
    const { io, stdout } = memoryIo([BINARYISH_IN]);
    expect(await runCli(["redact"], io)).toBe(0);
    expect(stdout().equals(BINARYISH_OUT)).toBe(true);
  });

  it("gives the same bytes whatever the chunk size, even with a key or a character split", async () => {
    for (const size of [1, 7, 64]) {
      const { io, stdout } = memoryIo(chunked(BINARYISH_IN, size));
      expect(await runCli(["redact"], io)).toBe(0);
      expect(stdout().equals(BINARYISH_OUT), `chunks of ${size}`).toBe(true);
    }
  });

  it("streams a large input: secrets across the 64 KiB window edges are still caught", async () => {
    const garbage = bytes([0xff, 0x00, 0xc3], "\r\n");
    const inParts: Buffer[] = [];
    const outParts: Buffer[] = [];
    for (let seed = 1; inParts.length < 800; seed++) {
      for (const file of ["env-file.txt", "curl.txt", "chat-config.yaml", "traceback.txt"]) {
        const { text, expected } = fillFixture(readFixture(file), createRng(seed));
        inParts.push(Buffer.from(text), garbage);
        outParts.push(Buffer.from(expected), garbage);
      }
    }
    const input = Buffer.concat(inParts);
    expect(input.length).toBeGreaterThan(300_000);
    for (const size of [4093, 65_536]) {
      const { io, stdout } = memoryIo(chunked(input, size));
      expect(await runCli(["redact"], io)).toBe(0);
      expect(stdout().equals(Buffer.concat(outParts)), `chunks of ${size}`).toBe(true);
    }
  });

  it("writes nothing for empty input, and accepts - for standard input", async () => {
    const { io, stdout } = memoryIo([]);
    expect(await runCli(["redact", "-"], io)).toBe(0);
    expect(stdout().length).toBe(0);
  });

  it("writes text to a string-only sink", async () => {
    const written: string[] = [];
    const io = {
      stdin: Readable.from([Buffer.from(`k=${KEY}\n`)]),
      stdout: { write: (s: string) => written.push(s) },
      stderr: { write: () => true },
    };
    expect(await runCli(["redact"], io)).toBe(0);
    expect(written.join("")).toBe("k=AIza…[redacted]\n");
  });

  it("refuses a file argument with exit 2 and a one-line reason", async () => {
    const { io, stderr } = memoryIo([]);
    expect(await runCli(["redact", "paste.txt"], io)).toBe(2);
    expect(stderr()).toBe(
      'ratelimit-triage redact: reads standard input only; unexpected "paste.txt"\n',
    );
  });

  it("is byte-identical through a real process pipe", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "redact"], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    const code = new Promise<number | null>((resolve) => child.on("close", resolve));
    child.stdin.end(BINARYISH_IN);
    expect(await code, Buffer.concat(err).toString()).toBe(0);
    expect(Buffer.concat(out).equals(BINARYISH_OUT)).toBe(true);
  });
});
