import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/main.js";
import { openclawFixture, openclawFixturePath } from "../core/evidence/openclaw/fixtures.js";

function memoryIo(stdin: string | Buffer = ""): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdin: Readable.from([Buffer.from(stdin)]),
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: (c: string) => (err += c) },
    out: () => out,
    err: () => err,
  };
}

const dir = mkdtempSync(join(tmpdir(), "trace-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("trace command", () => {
  it("prints the plain summary of a file", async () => {
    const io = memoryIo();
    const code = await runCli(["trace", openclawFixturePath("cache-trace-429.jsonl")], io);
    expect(code).toBe(0);
    expect(io.out()).toContain("OpenClaw cache trace: 90 lines, 90 events, 0 malformed");
    expect(io.out()).toContain("attempts 10 · retries 9 (9 same-model, 0 fallback) · errors 10");
    expect(io.out()).toContain("10× google/gemini-2.5-flash 429 RESOURCE_EXHAUSTED");
    expect(io.out()).toContain("Read 86417 bytes.");
    expect(io.err()).toBe("");
  });

  it("prints the TraceSummary as JSON with --json", async () => {
    const io = memoryIo();
    const code = await runCli(
      [
        "trace",
        "--json",
        openclawFixturePath("cache-trace-429-mitigated-maxtokens-minimal-tools.jsonl"),
      ],
      io,
    );
    expect(code).toBe(0);
    const summary = JSON.parse(io.out());
    expect(summary.attempts).toBe(1);
    expect(summary.toolCount).toBe(3);
    expect(summary.maxTokens).toEqual({ value: 8192, where: "options.model.params.maxTokens" });
  });

  it("reads standard input with -", async () => {
    const io = memoryIo(openclawFixture("cache-trace-ok.jsonl"));
    expect(await runCli(["trace", "--json", "-"], io)).toBe(0);
    expect(JSON.parse(io.out()).successes).toBe(1);
  });

  it("reads standard input redirected from a file through its descriptor", async () => {
    const file = join(dir, "redirected.jsonl.gz");
    writeFileSync(file, gzipSync(Buffer.from(openclawFixture("cache-trace-429.jsonl"))));
    const fd = openSync(file, "r");
    try {
      // The stream is empty: the summary can only come from the descriptor.
      const io = { ...memoryIo(), stdinFd: fd };
      expect(await runCli(["trace", "-"], io)).toBe(0);
      expect(io.out()).toContain("errors 10");
      expect(io.out()).toMatch(/\(gzip, 86417 bytes of text\)/);
    } finally {
      closeSync(fd);
    }
  });

  it("reads the stdin stream when its descriptor is not a regular file", async () => {
    const fd = openSync(dir, "r");
    try {
      const io = { ...memoryIo(openclawFixture("cache-trace-ok.jsonl")), stdinFd: fd };
      expect(await runCli(["trace", "--json", "-"], io)).toBe(0);
      expect(JSON.parse(io.out()).successes).toBe(1);
    } finally {
      closeSync(fd);
    }
  });

  it("reads a gzip file", async () => {
    const file = join(dir, "cache-trace.jsonl.gz");
    writeFileSync(file, gzipSync(Buffer.from(openclawFixture("cache-trace-429.jsonl"))));
    const io = memoryIo();
    expect(await runCli(["trace", file], io)).toBe(0);
    expect(io.out()).toContain("errors 10");
    expect(io.out()).toMatch(/\(gzip, 86417 bytes of text\)/);
  });

  it("says where a cut gzip file stopped and prints the summary of what came before", async () => {
    const text = openclawFixture("cache-trace-429.jsonl");
    const gz = gzipSync(Buffer.from(text + text));
    const file = join(dir, "cut.jsonl.gz");
    writeFileSync(file, gz.subarray(0, gz.length - 300));
    const io = memoryIo();
    expect(await runCli(["trace", "--json", file], io)).toBe(0);
    expect(io.err()).toMatch(
      /^ratelimit-triage trace: stopped early \(gzip data cut short: unexpected end of file\); the summary covers the first \d+ bytes\n$/,
    );
    const summary = JSON.parse(io.out());
    expect(summary.events).toBeGreaterThan(90);
    expect(summary.events).toBeLessThan(180);
  });

  it("counts malformed lines and still exits 0", async () => {
    const lines = openclawFixture("cache-trace-429.jsonl").split("\n");
    const file = join(dir, "cut.jsonl");
    writeFileSync(
      file,
      ["```json", ...lines.slice(0, 8), (lines[8] ?? "").slice(0, 500), "```"].join("\n"),
    );
    const io = memoryIo();
    expect(await runCli(["trace", "--json", file], io)).toBe(0);
    const summary = JSON.parse(io.out());
    expect(summary.malformed).toBe(3);
    expect(summary.malformedDetail).toEqual({ cut: 1, invalid: 2, overlong: 0 });
  });

  it("exits 2 with a one-line reason for a missing file, a directory, or binary content", async () => {
    for (const [arg, reason] of [
      [join(dir, "nope.jsonl"), /cannot read .*nope\.jsonl: no such file/],
      [dir, /not a regular file/],
    ] as const) {
      const io = memoryIo();
      expect(await runCli(["trace", arg], io)).toBe(2);
      expect(io.err()).toMatch(reason);
      expect(io.err().trim().split("\n")).toHaveLength(1);
    }
    const binary = join(dir, "bin");
    writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 0]));
    const io = memoryIo();
    expect(await runCli(["trace", binary], io)).toBe(2);
    expect(io.err()).toMatch(/not a text file/);
  });

  it("exits 2 on bad usage", async () => {
    for (const args of [["trace"], ["trace", "--nope", "x"], ["trace", "a", "b"]]) {
      const io = memoryIo();
      expect(await runCli(args, io)).toBe(2);
      expect(io.err()).toMatch(/usage: trace/);
    }
  });
});

describe("trace --chart", () => {
  it("writes a PNG of the trace's timeline and says where on standard error", async () => {
    const io = memoryIo();
    const out = join(dir, "trace.png");
    const code = await runCli(
      ["trace", "--chart", out, openclawFixturePath("cache-trace-429.jsonl")],
      io,
    );
    expect(code).toBe(0);
    expect(readFileSync(out).subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(io.err()).toBe(`Chart written to ${out} (${readFileSync(out).length} bytes).\n`);
    expect(io.out()).toContain("attempts 10 · retries 9");
  });

  it("writes the SVG when the file name ends in .svg, from standard input too", async () => {
    const io = memoryIo(openclawFixture("cache-trace-429.jsonl"));
    const out = join(dir, "trace.svg");
    expect(await runCli(["trace", "--json", "--chart", out, "-"], io)).toBe(0);
    const svg = readFileSync(out, "utf8");
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain("10 × 429, 9 retries in 2 min");
    expect(JSON.parse(io.out()).attempts).toBe(10);
  });

  it("refuses a chart file that is neither .png nor .svg before reading anything", async () => {
    const io = memoryIo();
    expect(
      await runCli(
        ["trace", "--chart", join(dir, "x.gif"), openclawFixturePath("cache-trace-ok.jsonl")],
        io,
      ),
    ).toBe(2);
    expect(io.err()).toContain("must end in .png or .svg");
  });
});
