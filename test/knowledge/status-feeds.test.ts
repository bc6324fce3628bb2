import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.js";

const kb = loadKnowledge();

describe("the providers' status feeds (data/providers.json)", () => {
  it("each polled feed says where and when it was confirmed", () => {
    const feeds = kb.providers.flatMap((p) =>
      p.statusFeed ? [{ id: p.id, ...p.statusFeed }] : [],
    );
    expect(feeds.map((f) => f.id).sort()).toEqual(["anthropic", "groq", "openai"]);
    for (const feed of feeds) {
      expect(feed.source, feed.id).toBeTruthy();
      expect(feed.asOf, feed.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // incident.io pages serve their summary at /proxy/<host>; Statuspage at /api/v2/summary.json.
    for (const feed of feeds) {
      const url = new URL(feed.url);
      if (feed.kind === "incident.io") expect(url.pathname).toBe(`/proxy/${url.host}`);
      else expect(url.pathname).toBe("/api/v2/summary.json");
    }
  });

  it("a page whose feed could not be confirmed is kept as unverified, never polled", () => {
    const openrouter = kb.providers.find((p) => p.id === "openrouter");
    expect(openrouter?.statusFeed).toBeUndefined();
    expect(openrouter?.statusFeedUnverified).toMatchObject({
      page: "https://status.openrouter.ai",
    });
  });
});
