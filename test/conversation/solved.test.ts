import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  alice,
  conversationFixture,
  Harness,
  notices,
  ofType,
  sam,
  texts,
} from "./support/harness.js";

const VERSIONED = "Getting 429 rate limit errors from Gemini, openclaw --version: 2026.2.24";

describe("solved", () => {
  let h: Harness;
  beforeEach(async () => {
    h = new Harness();
    await h.say(alice, VERSIONED);
    await h.say(alice, conversationFixture("gemini-per-day-error.txt"));
  });
  afterEach(() => h.close());

  it("'thanks, switching the model fixed it' → solved, with the mitigation that worked", async () => {
    const actions = await h.say(alice, "thanks, switching the model fixed it");
    expect(ofType(actions, "state")).toEqual([
      expect.objectContaining({ from: "diagnosed", to: "solved" }),
    ]);
    expect(notices(actions, "solved")[0]?.text).toContain(
      "Noted what fixed it: **Switch to another model**",
    );
    expect(await h.store.resolutions({ errorClass: "rpd" })).toEqual([
      expect.objectContaining({
        mitigationId: expect.any(String),
        mitigationTitle: "Switch to another model",
        provider: "google",
        by: "alice",
      }),
    ]);
    expect((await h.store.loadThread(h.threadKey))?.pendingTimers).toEqual([]);
  });

  it("the command takes the mitigation's number from the reply", async () => {
    const report = ofType(await h.command(alice, "triage"), "reply")[0]?.report;
    const third = report?.mitigations[2]?.title;
    await h.command(alice, "solved", "#3");
    expect((await h.store.resolutions())[0]?.mitigationTitle).toBe(third);
  });

  it("a negated 'works' is not solved", async () => {
    await h.say(alice, "it works with claude but not with gemini");
    await h.say(alice, "still not working");
    expect(await h.state()).toBe("diagnosed");
  });

  it("a thank-you after solved does not reopen; a new problem does", async () => {
    await h.command(alice, "solved");
    expect(await h.say(alice, "thanks again!")).toEqual([]);
    expect(await h.state()).toBe("solved");
    const back = await h.say(alice, "it's back: 429 again this morning");
    expect(texts(back)).toContain("Reopened (it was marked solved)");
    expect(await h.state()).not.toBe("solved");
  });

  it("only the reporter or staff can mark it solved, and only once", async () => {
    const stranger = { id: "u-x", name: "x", isBot: false, isStaff: false };
    expect(texts(await h.command(stranger, "solved"))).toContain(
      "Only the person who opened the thread",
    );
    await h.command(sam, "solved", "billing enabled");
    expect(texts(await h.command(alice, "solved"))).toContain("already marked solved");
  });
});
