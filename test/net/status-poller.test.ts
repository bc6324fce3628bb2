import { afterEach, describe, expect, it } from "vitest";
import { StatusPoller } from "../../src/net/status-poller.js";
import { type FakeStatusPage, startFakeStatusPage } from "../fakes/status-page/fake-status-page.js";

let page: FakeStatusPage;
afterEach(async () => page.close());

function poller(now: { t: number }) {
  return new StatusPoller({
    feeds: [{ provider: "anthropic", kind: "statuspage", url: page.url }],
    intervalMs: 60_000,
    maxBackoffMs: 600_000,
    now: () => new Date(now.t),
    request: { retries: 0, timeoutMs: 5_000 },
  });
}

describe("polling a provider's status page", () => {
  it("reads open incidents, then asks conditionally and keeps them on a 304", async () => {
    page = await startFakeStatusPage();
    page.setIncidents([{ name: "Elevated errors on Claude Sonnet", status: "investigating" }]);
    const now = { t: Date.parse("2026-05-01T12:00:00Z") };
    const p = poller(now);
    await p.pollDue();
    expect(p.status("anthropic")?.incidents).toEqual([
      {
        name: "Elevated errors on Claude Sonnet",
        status: "investigating",
        impact: "major",
        url: "https://stspg.io/fake0",
        startedAt: "2026-05-01T12:05:00.000Z",
      },
    ]);
    // Not due yet: no request.
    await p.pollDue();
    expect(page.requests).toHaveLength(1);
    now.t += 60_000;
    await p.pollDue();
    expect(page.requests).toHaveLength(2);
    expect(page.requests[1]?.["if-none-match"]).toBe('"v2"');
    expect(p.status("anthropic")?.incidents).toHaveLength(1);
    // Resolved: the page changes, the ETag too, and the incident is gone.
    page.setIncidents([]);
    now.t += 60_000;
    await p.pollDue();
    expect(p.status("anthropic")?.incidents).toEqual([]);
  });

  it("backs off on failures and forgets what it cannot confirm", async () => {
    page = await startFakeStatusPage();
    page.setIncidents([{ name: "Outage", status: "identified" }]);
    const now = { t: Date.parse("2026-05-01T12:00:00Z") };
    const p = poller(now);
    await p.pollDue();
    page.failNext(3);
    now.t += 60_000;
    await p.pollDue();
    expect(p.status("anthropic")?.incidents).toBeNull();
    // After one failure the next poll waits 2 intervals, after two 4.
    now.t += 60_000;
    await p.pollDue();
    expect(page.requests).toHaveLength(2);
    now.t += 60_000;
    await p.pollDue();
    expect(page.requests).toHaveLength(3);
    now.t += 3 * 60_000;
    await p.pollDue();
    expect(page.requests).toHaveLength(3);
    now.t += 60_000;
    await p.pollDue();
    expect(page.requests).toHaveLength(4);
    now.t += 8 * 60_000;
    await p.pollDue();
    expect(p.status("anthropic")?.incidents).toEqual([
      expect.objectContaining({ name: "Outage", status: "identified" }),
    ]);
  });
});
