import { afterEach, describe, expect, it } from "vitest";
import { createConversation } from "../../src/conversation/engine.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import {
  alice,
  conversationFixture,
  Harness,
  kb,
  notices,
  ofType,
  sam,
  texts,
} from "./support/harness.js";

const VAGUE = "Getting 429 rate limit errors from Gemini in openclaw, help";
const VERSIONED = "Getting 429 rate limit errors from Gemini, openclaw --version: 2026.2.24";

describe("stale policy", () => {
  let h: Harness;
  afterEach(() => h.close());

  it("nudges after N hours while waiting on the user, closes M hours later with a summary", async () => {
    h = new Harness({ nudgeAfterHours: 6, closeAfterHours: 12 });
    await h.say(alice, VAGUE);
    h.advance(5.9);
    expect(await h.tick()).toEqual([]);
    h.advance(0.1);
    const nudge = notices(await h.tick(), "nudge")[0];
    expect(nudge?.mention).toBe("u-alice");
    expect(nudge?.text).toContain(
      "alice, is this still happening? I'm still missing the tool and its version",
    );
    expect(nudge?.text).toContain("I'll close this thread in 12 h");
    expect(await h.tick()).toEqual([]);
    h.advance(11.9);
    expect(await h.tick()).toEqual([]);
    h.advance(0.1);
    const closed = await h.tick();
    expect(ofType(closed, "state")).toEqual([
      expect.objectContaining({ from: "awaiting_user", to: "closed_stale" }),
    ]);
    const summary = notices(closed, "closed")[0]?.text ?? "";
    expect(summary).toContain("no reply from alice for 18 h");
    expect(summary).toContain("- Not diagnosed yet · Google Gemini API (AI Studio)");
    expect(summary).toContain("Reply here anytime to reopen it");
  });

  it("a reply reopens a stale-closed thread and re-reads it", async () => {
    h = new Harness({ nudgeAfterHours: 1, closeAfterHours: 1 });
    await h.say(alice, VERSIONED);
    h.advance(1);
    await h.tick();
    h.advance(1);
    await h.tick();
    expect(await h.state()).toBe("closed_stale");
    h.advance(100);
    const back = await h.say(alice, conversationFixture("gemini-per-day-error.txt"));
    expect(notices(back, "reopened")[0]?.text).toContain("Reopened");
    expect(ofType(back, "reply")[0]?.text).toContain("requests-per-day quota");
    expect(ofType(back, "state")).toEqual([
      expect.objectContaining({ from: "closed_stale", to: "diagnosed" }),
    ]);
    const timers = (await h.store.loadThread(h.threadKey))?.pendingTimers ?? [];
    expect(timers.map((t) => [t.kind, t.dueAt])).toEqual([
      ["nudge", new Date(h.now + 3_600_000).toISOString()],
    ]);
  });

  it("a user message restarts the clock; a diagnosed thread is nudged to confirm the fix", async () => {
    h = new Harness({ nudgeAfterHours: 10, closeAfterHours: 10 });
    await h.say(alice, VERSIONED);
    h.advance(9);
    await h.say(alice, conversationFixture("gemini-per-day-error.txt"));
    h.advance(9);
    expect(await h.tick()).toEqual([]);
    h.advance(1);
    const nudge = notices(await h.tick(), "nudge")[0]?.text ?? "";
    expect(nudge).toContain("Did the suggestion work? Reply `solved`");
  });

  it("never runs while waiting on staff", async () => {
    h = new Harness({ nudgeAfterHours: 1, closeAfterHours: 1 });
    await h.say(alice, VAGUE);
    await h.say(sam, "looking into it");
    h.advance(500);
    expect(await h.tick()).toEqual([]);
    expect(await h.state()).toBe("handed_off");
  });

  it("catches up after downtime: an overdue nudge fires once, the close counts from then", async () => {
    h = new Harness({ nudgeAfterHours: 24, closeAfterHours: 48 });
    await h.say(alice, VAGUE);
    await h.restart();
    h.advance(24 * 7);
    const caughtUp = await h.tick();
    expect(texts(caughtUp)).toContain("is this still happening?");
    expect(await h.state()).toBe("awaiting_user");
    expect(await h.tick()).toEqual([]);
    await h.restart();
    expect(await h.tick()).toEqual([]);
    h.advance(48);
    expect(ofType(await h.tick(), "state")[0]?.to).toBe("closed_stale");
    expect(h.query("SELECT * FROM timers WHERE fired_at IS NOT NULL")).toHaveLength(2);
  });

  it("two engines ticking the same file fire each timer exactly once", async () => {
    h = new Harness({ nudgeAfterHours: 1, closeAfterHours: 1 });
    await h.say(alice, VAGUE);
    h.advance(2);
    const otherStore = openSqliteStore(h.path);
    const other = createConversation({
      store: otherStore,
      kb,
      policy: { nudgeAfterHours: 1, closeAfterHours: 1 },
    });
    const [a, b] = await Promise.all([h.port.tick(new Date(h.now)), other.tick(new Date(h.now))]);
    await otherStore.close();
    expect([...a, ...b].filter((x) => x.type === "notice")).toHaveLength(1);
  });
});
