import { afterEach, describe, expect, it } from "vitest";
import { type RetryInfo, requestWithRetry } from "../../src/net/http.js";
import { type LocalServer, startLocalServer } from "./local-server.js";

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function recorder() {
  const waits: number[] = [];
  const retries: RetryInfo[] = [];
  return {
    waits,
    retries,
    opts: {
      sleep: async (ms: number) => {
        waits.push(ms);
      },
      random: () => 0.5,
      onRetry: (info: RetryInfo) => retries.push(info),
    },
  };
}

describe("requestWithRetry", () => {
  it("waits as long as Retry-After says after a 429, then returns the 200", async () => {
    server = await startLocalServer((_req, res, i) => {
      if (i === 0) res.writeHead(429, { "retry-after": "2" }).end("slow down");
      else res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
    const r = recorder();
    const response = await requestWithRetry(`${server.url}/x`, {}, r.opts);
    expect(response.status).toBe(200);
    expect(await response.body.text()).toBe("ok");
    expect(response.attempts).toBe(2);
    expect(r.waits).toEqual([2000]);
    expect(r.retries[0]).toMatchObject({ attempt: 1, status: 429, source: "retry-after" });
    expect(server.requests).toHaveLength(2);
  });

  it("measures an HTTP-date Retry-After against the injected clock", async () => {
    const now = Date.parse("2026-11-23T10:00:00Z");
    server = await startLocalServer((_req, res, i) => {
      if (i === 0) res.writeHead(503, { "retry-after": "Mon, 23 Nov 2026 10:00:05 GMT" }).end();
      else res.writeHead(200).end("ok");
    });
    const r = recorder();
    const response = await requestWithRetry(server.url, {}, { ...r.opts, now: () => now });
    expect(response.status).toBe(200);
    expect(r.waits).toEqual([5000]);
  });

  it("prefers retry-after-ms", async () => {
    server = await startLocalServer((_req, res, i) => {
      if (i === 0) res.writeHead(429, { "retry-after-ms": "120", "retry-after": "9" }).end();
      else res.writeHead(200).end();
    });
    const r = recorder();
    await requestWithRetry(server.url, {}, r.opts);
    expect(r.waits).toEqual([120]);
  });

  it("backs off with full jitter when the server gives no wait, and stops after `retries`", async () => {
    server = await startLocalServer((_req, res) => res.writeHead(503).end("down"));
    const r = recorder();
    const response = await requestWithRetry(server.url, {}, { ...r.opts, retries: 3 });
    expect(response.status).toBe(503);
    expect(await response.body.text()).toBe("down");
    expect(response.attempts).toBe(4);
    expect(server.requests).toHaveLength(4);
    // random 0.5 of ceilings 500, 1000, 2000
    expect(r.waits).toEqual([250, 500, 1000]);
    expect(r.retries.every((x) => x.source === "backoff")).toBe(true);
  });

  it("returns a 429 at once when the asked wait is longer than maxRetryAfterMs", async () => {
    server = await startLocalServer((_req, res) =>
      res.writeHead(429, { "retry-after": "3600" }).end(),
    );
    const r = recorder();
    const response = await requestWithRetry(server.url, {}, { ...r.opts, maxRetryAfterMs: 60_000 });
    expect(response.status).toBe(429);
    expect(r.waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("does not retry statuses outside the set", async () => {
    server = await startLocalServer((_req, res) => res.writeHead(404).end());
    const r = recorder();
    const response = await requestWithRetry(server.url, {}, r.opts);
    expect(response.status).toBe(404);
    expect(server.requests).toHaveLength(1);
  });

  it("sends the body again on each attempt of a POST", async () => {
    const bodies: string[] = [];
    server = await startLocalServer((req, res, i) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        bodies.push(body);
        if (i === 0) res.writeHead(429, { "retry-after": "0" }).end();
        else res.writeHead(200).end();
      });
    });
    const r = recorder();
    const response = await requestWithRetry(
      server.url,
      { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json" } },
      r.opts,
    );
    expect(response.status).toBe(200);
    expect(bodies).toEqual(['{"a":1}', '{"a":1}']);
  });

  it("retries a GET after a network error, then throws when retries run out", async () => {
    server = await startLocalServer((_req, res) => res.end());
    const url = server.url;
    await server.close();
    server = undefined;
    const r = recorder();
    await expect(requestWithRetry(url, {}, { ...r.opts, retries: 2 })).rejects.toThrow();
    expect(r.retries).toHaveLength(2);
    expect(r.retries[0]?.error).toBeDefined();
  });
});
