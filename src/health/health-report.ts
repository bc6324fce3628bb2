import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface PartHealth {
  ok: boolean;
  /** What it is ("postgres", "sqlite", "http", "socket", "gateway") or why it is not ok. */
  detail: string;
}

/** What GET /healthz answers: 200 when every part is ok, 503 otherwise. */
export interface HealthReport {
  ok: boolean;
  store: PartHealth;
  platforms: Record<string, PartHealth>;
  /** True once shutdown began: a load balancer stops sending here while in-flight work drains. */
  draining: boolean;
}

export type HealthSource = () => Promise<HealthReport>;

/** Writes a report as /healthz's answer (the Bolt route and the plain server share it). */
export async function answerHealth(
  source: HealthSource,
  res: {
    writeHead(status: number, headers: Record<string, string>): unknown;
    end(body: string): unknown;
  },
): Promise<void> {
  const report = await source().catch(
    (error: Error): HealthReport => ({
      ok: false,
      store: { ok: false, detail: error.message },
      platforms: {},
      draining: false,
    }),
  );
  res.writeHead(report.ok ? 200 : 503, { "content-type": "application/json" });
  res.end(JSON.stringify(report));
}

/**
 * GET /healthz on HOST:PORT for the modes without Slack's HTTP receiver (Discord, Socket Mode),
 * so every replica can be checked the same way.
 */
export async function startHealthServer(
  source: HealthSource,
  host: string,
  port: number,
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method === "GET" && req.url?.split("?")[0] === "/healthz") {
      void answerHealth(source, res);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
