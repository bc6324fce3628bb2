import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { downloadText } from "../../src/net/http.js";
import { type LocalServer, startLocalServer } from "./local-server.js";

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const noWait = { sleep: async () => undefined, random: () => 0 };

/** Serves `body` in small chunks so the client really streams it. */
function serve(body: Buffer, status = 200) {
  return startLocalServer((_req, res) => {
    res.writeHead(status, { "content-type": "application/octet-stream" });
    let i = 0;
    const step = () => {
      if (i >= body.length) {
        res.end();
        return;
      }
      res.write(body.subarray(i, i + 1000), step);
      i += 1000;
    };
    step();
  });
}

const lines = Array.from({ length: 400 }, (_, i) => `{"seq":${i},"stage":"stream:context"}`).join(
  "\n",
);

describe("downloadText", () => {
  it("reads a whole small file", async () => {
    server = await serve(Buffer.from("hello\nworld\n"));
    const result = await downloadText(`${server.url}/a.txt`, { maxBytes: 1000, name: "a.txt" });
    expect(result).toEqual({
      text: "hello\nworld\n",
      bytesRead: 12,
      truncated: false,
      gzip: false,
    });
  });

  it("stops at maxBytes, keeps whole lines and says so", async () => {
    const big = Buffer.from(`${lines}\n`.repeat(50));
    server = await serve(big);
    const result = await downloadText(server.url, { maxBytes: 5000, name: "trace.jsonl" });
    expect(result.truncated).toBe(true);
    expect(result.text.length).toBeLessThanOrEqual(5000);
    expect(result.text.endsWith("\n")).toBe(true);
    for (const line of result.text.trim().split("\n")) expect(() => JSON.parse(line)).not.toThrow();
    expect(result.note).toContain("Only the first 5.0 kB of `trace.jsonl`");
    // It stopped reading the network too, not only the text.
    expect(result.bytesRead).toBeLessThan(big.length);
  });

  it("detects gzip by its magic bytes whatever the name, and gunzips in-stream", async () => {
    server = await serve(gzipSync(Buffer.from(lines)));
    const result = await downloadText(server.url, { maxBytes: 1_000_000, name: "trace.log" });
    expect(result.gzip).toBe(true);
    expect(result.truncated).toBe(false);
    expect(result.text).toBe(lines);
    expect(result.bytesRead).toBeLessThan(lines.length);
  });

  it("caps the decompressed size of a gzip (a small .gz cannot blow up memory)", async () => {
    const bomb = gzipSync(Buffer.from("a\n".repeat(2_000_000)));
    server = await serve(bomb);
    const result = await downloadText(server.url, { maxBytes: 10_000, name: "big.gz" });
    expect(result.gzip).toBe(true);
    expect(result.truncated).toBe(true);
    expect(result.text.length).toBeLessThanOrEqual(10_000);
    expect(result.note).toContain("after decompression");
  });

  it("refuses binary content with a note", async () => {
    server = await serve(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    const result = await downloadText(server.url, { maxBytes: 1000, name: "screenshot.txt" });
    expect(result.text).toBe("");
    expect(result.note).toContain("is not text");
  });

  it("keeps the part before a damaged gzip", async () => {
    const gz = gzipSync(Buffer.from(lines));
    server = await serve(gz.subarray(0, Math.floor(gz.length / 2)));
    const result = await downloadText(server.url, { maxBytes: 1_000_000, name: "cut.gz" });
    expect(result.note).toContain("ended early or is damaged");
    expect(result.text.length).toBeGreaterThan(0);
    expect(lines.startsWith(result.text)).toBe(true);
  });

  it("turns an HTTP error into a note", async () => {
    server = await serve(Buffer.from("gone"), 404);
    const result = await downloadText(server.url, { maxBytes: 1000, name: "x.log", retry: noWait });
    expect(result.text).toBe("");
    expect(result.note).toBe("`x.log` could not be downloaded (HTTP 404).");
  });

  it("retries a 429 and then reads the file", async () => {
    server = await startLocalServer((_req, res, i) => {
      if (i === 0) res.writeHead(429, { "retry-after": "1" }).end();
      else res.writeHead(200).end("after the wait\n");
    });
    const waits: number[] = [];
    const result = await downloadText(server.url, {
      maxBytes: 1000,
      retry: { sleep: async (ms) => void waits.push(ms) },
    });
    expect(result.text).toBe("after the wait\n");
    expect(waits).toEqual([1000]);
  });

  it("passes request headers", async () => {
    server = await serve(Buffer.from("x"));
    await downloadText(server.url, { maxBytes: 10, headers: { authorization: "Bearer t" } });
    expect(server.requests[0]?.headers.authorization).toBe("Bearer t");
  });
});
