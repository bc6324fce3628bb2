import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createByteLineSplitter } from "../../src/ingest/byte-lines.js";
import { NotTextError, summarizeTraceStream } from "../../src/ingest/trace-stream.js";
import { openclawFixture } from "../core/evidence/openclaw/fixtures.js";

async function* chunks(buffer: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

const trace = Buffer.from(openclawFixture("cache-trace-429.jsonl"), "utf8");
const quota = Buffer.from(openclawFixture("cache-trace-429-quota-details.jsonl"), "utf8");

describe("summarizeTraceStream", () => {
  it("gives the same summary whatever the chunk size", async () => {
    const whole = await summarizeTraceStream(chunks(trace, trace.length));
    for (const size of [1, 7, 4096]) {
      const result = await summarizeTraceStream(chunks(trace, size));
      expect(result.summary).toEqual(whole.summary);
      expect(result.bytesRead).toBe(trace.length);
      expect(result.bytesDecoded).toBe(trace.length);
      expect(result.gzip).toBe(false);
    }
    expect(whole.summary.attempts).toBe(10);
  });

  it("keeps a multi-byte character cut by a chunk boundary intact", async () => {
    // The quota message carries "…" (3 bytes in UTF-8); 1-byte chunks cut through it.
    const result = await summarizeTraceStream(chunks(quota, 1));
    expect(result.summary.errorGroups[0]?.message).toContain(
      "generativelanguag… [code=RESOURCE_EXHAUSTED]",
    );
  });

  it("detects gzip by its magic bytes, even split across chunks", async () => {
    const gz = gzipSync(trace);
    const result = await summarizeTraceStream(chunks(gz, 1));
    expect(result.gzip).toBe(true);
    expect(result.bytesRead).toBe(gz.length);
    expect(result.bytesDecoded).toBe(trace.length);
    expect(result.summary.errors).toBe(10);
  });

  it("reports a gzip stream cut short and summarises what came before", async () => {
    const gz = gzipSync(Buffer.concat([trace, trace]));
    const result = await summarizeTraceStream(chunks(gz.subarray(0, gz.length - 200), 512));
    expect(result.error).toBe("gzip data cut short: unexpected end of file");
    expect(result.summary.events).toBeGreaterThan(90);
  });

  it("reads several gzip members one after the other, a line cut between two", async () => {
    // `gzip a; gzip b; cat a.gz b.gz` (or pigz, bgzip) gives members; here the cut is mid-line.
    const cut = trace.indexOf(10, trace.length >> 1) - 100;
    const gz = Buffer.concat([gzipSync(trace.subarray(0, cut)), gzipSync(trace.subarray(cut))]);
    const plain = await summarizeTraceStream(chunks(trace, 4096));
    const result = await summarizeTraceStream(chunks(gz, 1000));
    expect(result.error).toBeNull();
    expect(result.bytesDecoded).toBe(trace.length);
    expect(result.summary).toEqual(plain.summary);
  });

  it("says that damaged gzip data is damaged, and keeps what came before", async () => {
    const gz = gzipSync(Buffer.concat([trace, trace, trace]));
    const damaged = Buffer.from(gz);
    damaged.fill(0xff, gz.length >> 1, (gz.length >> 1) + 64);
    const result = await summarizeTraceStream(chunks(damaged, 512));
    expect(result.error).toMatch(/^gzip data damaged: /);
    expect(result.summary.events).toBeGreaterThan(0);
  });

  it("reads a source that refills one buffer for every chunk, as the file reader does", async () => {
    /** Each chunk is a view of the same buffer, scribbled over once the next one is asked for. */
    async function* refilled(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
      const buffer = Buffer.alloc(size);
      for (let at = 0; at < bytes.length; at += size) {
        const n = bytes.copy(buffer, 0, at, at + size);
        yield buffer.subarray(0, n);
        buffer.fill(0x7b);
      }
    }
    const whole = await summarizeTraceStream(chunks(trace, trace.length));
    for (const source of [trace, gzipSync(trace)]) {
      const result = await summarizeTraceStream(refilled(source, 333));
      expect(result.error).toBeNull();
      expect(result.summary).toEqual(whole.summary);
    }
  });

  it("stops at maxBytes and says so", async () => {
    const result = await summarizeTraceStream(chunks(trace, 1000), { maxBytes: 20_000 });
    expect(result.truncated).toBe(true);
    expect(result.bytesDecoded).toBe(20_000);
    expect(result.summary.malformed).toBe(0);
    expect(result.summary.attempts).toBeLessThan(10);
  });

  it("accepts strings and Uint8Arrays as well as Buffers", async () => {
    async function* mixed() {
      const text = trace.toString("utf8");
      yield text.slice(0, 1000);
      yield new Uint8Array(Buffer.from(text.slice(1000)));
    }
    expect((await summarizeTraceStream(mixed())).summary.attempts).toBe(10);
  });

  it("refuses binary input", async () => {
    const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]);
    await expect(summarizeTraceStream(chunks(binary, 4))).rejects.toBeInstanceOf(NotTextError);
  });

  it("summarises an empty input to zeros", async () => {
    const result = await summarizeTraceStream(chunks(Buffer.alloc(0), 1));
    expect(result.summary.lines).toBe(0);
    expect(result.bytesRead).toBe(0);
  });
});

describe("createByteLineSplitter", () => {
  it("skips an over-long line spread over many chunks and counts it once", () => {
    const lines: string[] = [];
    let overlong = 0;
    const s = createByteLineSplitter(
      { line: (l) => lines.push(l), overlong: () => overlong++ },
      10,
    );
    for (const part of ["ok\nxxxx", "xxxx", "xxxx", "xxxx\r\nnext\r\n", "tail"])
      s.write(Buffer.from(part));
    s.end();
    expect(lines).toEqual(["ok", "next", "tail"]);
    expect(overlong).toBe(1);
  });
});

describe("head-only lines for long transcripts", () => {
  /** The capture with a long transcript in every line that carries messages, as a real trace has. */
  function longTrace(historyChars = 9000, copies = 1): Buffer {
    const lines = openclawFixture("cache-trace-429.jsonl").trim().split("\n");
    const long: string[] = [];
    for (let copy = 0; copy < copies; copy++)
      for (const line of lines) {
        const event = JSON.parse(line) as Record<string, unknown>;
        // Each copy is its own run, so the attempts add up.
        if (typeof event.runId === "string") event.runId = `${event.runId}-${copy}`;
        if (Array.isArray(event.messages))
          event.messages = [
            {
              role: "user",
              content: [{ type: "text", text: `history ${"x".repeat(historyChars + copy)}` }],
            },
            ...event.messages,
          ];
        long.push(JSON.stringify(event));
      }
    return Buffer.from(`${long.join("\n")}\n`);
  }

  it("gives the same summary as reading every line whole", async () => {
    const bytes = longTrace();
    const fast = await summarizeTraceStream(chunks(bytes, 64 * 1024));
    const strict = await summarizeTraceStream(chunks(bytes, 64 * 1024), { strict: true });
    expect({ ...fast.summary, strict: true }).toEqual(strict.summary);
    expect(fast.summary.attempts).toBe(10);
    expect(fast.summary.request.messagesChars).toBeGreaterThan(9000);
  });

  it("keeps lines whole across gunzip's 1 MiB output chunks", async () => {
    // Lines of ~100 KB: several of them straddle each megabyte boundary of the gunzip output.
    const bytes = longTrace(100_000, 12);
    expect(bytes.length).toBeGreaterThan(3 << 20);
    const plain = await summarizeTraceStream(chunks(bytes, 64 * 1024));
    const gz = await summarizeTraceStream(chunks(gzipSync(bytes), 64 * 1024));
    const strict = await summarizeTraceStream(chunks(bytes, 64 * 1024), { strict: true });
    expect(gz.summary).toEqual(plain.summary);
    expect({ ...plain.summary, strict: true }).toEqual(strict.summary);
    expect(gz.bytesDecoded).toBe(bytes.length);
    expect(plain.summary.attempts).toBe(120);
  });

  it("reads an attempt's outcome from its last turn, not from errors earlier in the history", async () => {
    // The history holds a failed turn (with a non-ASCII message) before each attempt's own ending.
    const old = {
      role: "assistant",
      content: [],
      stopReason: "error",
      errorMessage: "503: an older overload… not this attempt",
      errorCode: "UNAVAILABLE",
    };
    const lines = openclawFixture("cache-trace-ok.jsonl").trim().split("\n");
    const history = lines.map((line) => {
      const event = JSON.parse(line) as Record<string, unknown>;
      if (Array.isArray(event.messages))
        event.messages = [{ role: "user", content: "é".repeat(5000) }, old, ...event.messages];
      return JSON.stringify(event);
    });
    const bytes = Buffer.from(`${history.join("\n")}\n`);
    const fast = await summarizeTraceStream(chunks(bytes, 1000));
    const strict = await summarizeTraceStream(chunks(bytes, 1000), { strict: true });
    expect({ ...fast.summary, strict: true }).toEqual(strict.summary);
    expect(fast.summary.successes).toBe(1);
    expect(fast.summary.errors).toBe(0);
  });

  it("still counts a long line cut mid-way", async () => {
    const bytes = longTrace();
    const cut = Buffer.concat([bytes.subarray(0, 20_000), Buffer.from("\n")]);
    const result = await summarizeTraceStream(chunks(cut, 4096));
    expect(result.summary.malformedDetail.cut).toBe(1);
  });
});
