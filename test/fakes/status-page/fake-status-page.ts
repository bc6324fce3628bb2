import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeStatusPage {
  /** The summary.json URL on 127.0.0.1. */
  url: string;
  /** Requests seen, with their headers (If-None-Match shows the conditional ones). */
  requests: IncomingHttpHeaders[];
  /** The unresolved incidents the page shows; changing them changes the ETag. */
  setIncidents(incidents: Array<{ name: string; status: string; impact?: string }>): void;
  /** The next `times` requests answer 503. */
  failNext(times: number): void;
  close(): Promise<void>;
}

/**
 * An Atlassian Statuspage `summary.json` on loopback: an ETag per version of the page, 304 for a
 * request that names the current one, and 503s on demand.
 */
export async function startFakeStatusPage(): Promise<FakeStatusPage> {
  let incidents: Array<{ name: string; status: string; impact?: string }> = [];
  let version = 1;
  let failures = 0;
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    requests.push(req.headers);
    if (failures > 0) {
      failures -= 1;
      res.writeHead(503, { "content-type": "text/plain" }).end("unavailable");
      return;
    }
    const etag = `"v${version}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    const body = {
      page: { id: "fake", name: "Fake AI", url: "http://127.0.0.1" },
      components: [],
      incidents: incidents.map((i, n) => ({
        id: `inc${n}`,
        name: i.name,
        status: i.status,
        impact: i.impact ?? "major",
        shortlink: `https://stspg.io/fake${n}`,
        created_at: "2026-05-01T12:05:00.000Z",
      })),
      status: { indicator: incidents.length > 0 ? "major" : "none", description: "" },
    };
    res.writeHead(200, { "content-type": "application/json", etag }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api/v2/summary.json`,
    requests,
    setIncidents(next) {
      incidents = next;
      version += 1;
    },
    failNext(times) {
      failures = times;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
