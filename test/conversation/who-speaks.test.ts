import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderHandoffCard } from "../../src/render/markdown/handoff-card.js";
import { threadFixture } from "../helpers/fixtures.js";
import {
  alice,
  bob,
  carol,
  conversationFixture,
  Harness,
  kb,
  notices,
  ofType,
  sam,
  texts,
} from "./support/harness.js";

const incident = threadFixture("openclaw-incident-whole-thread").messages.map((m) => m.content);
const msg = (i: number) => incident[i] ?? "";

describe("who speaks matters", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });
  afterEach(() => h.close());

  it("a staff reply hands the thread to humans; the bot goes quiet unless mentioned", async () => {
    await h.say(alice, "Getting 429 rate limit errors from Gemini in openclaw, help");
    const takeover = await h.say(
      sam,
      "Hi alice, I'm looking into this, can you share your config?",
    );
    expect(ofType(takeover, "state")).toEqual([
      expect.objectContaining({ from: "awaiting_user", to: "handed_off" }),
    ]);
    expect(notices(takeover, "claimed")[0]?.text).toContain(
      "sam from the support team has this thread now",
    );
    expect(ofType(takeover, "reply")).toHaveLength(0);
    // A verdict-changing paste from the reporter: recorded, but the bot stays quiet.
    expect(await h.say(alice, conversationFixture("gemini-per-day-error.txt"))).toEqual([]);
    const thread = await h.store.loadThread(h.threadKey);
    expect(thread?.thread.assignee).toBe("sam");
    expect(thread?.pendingTimers).toEqual([]);
    expect(
      h.query<{ error_class: string }>(
        "SELECT error_class FROM verdicts ORDER BY id DESC LIMIT 1",
      )[0]?.error_class,
    ).toBe("rpd");
    // Mentioned: the bot answers in full.
    const mentioned = await h.say(sam, "@bot what do you make of it?", { mentionsBot: true });
    expect(ofType(mentioned, "reply")[0]?.text).toContain("**Diagnosis: requests-per-day quota**");
  });

  it("the first author is the reporter even when they are staff", async () => {
    await h.say(sam, "Testing: Getting 429 from Gemini");
    expect(await h.state()).toBe("awaiting_user");
    expect((await h.store.loadThread(h.threadKey))?.thread.reporterName).toBe("sam");
  });

  it("community 'same here' counts as evidence and shows on the card as affected", async () => {
    for (const i of [0, 1, 2]) await h.say(alice, msg(i));
    expect(
      h.query<{ error_class: string }>(
        "SELECT error_class FROM verdicts ORDER BY id DESC LIMIT 1",
      )[0]?.error_class,
    ).toBe("unknown");
    const sameHere = await h.say(
      bob,
      "same here since yesterday, gemini-3-flash-preview on 2026.2.24, only agent requests with tools get the 429",
    );
    const reply = ofType(sameHere, "reply")[0]?.text ?? "";
    expect(reply).toContain("now: **provider-side change or incident**");
    const card = ofType(await h.command(sam, "card"), "ephemeral")[0]?.card;
    expect(card?.affected).toEqual(["bob"]);
    expect(card?.messageCounts).toEqual({ reporter: 3, community: 1, staff: 0 });
  });

  it("a community member cannot solve, hand off or reopen someone else's thread", async () => {
    await h.say(alice, "Getting 429 rate limit errors from Gemini in openclaw, help");
    await h.say(bob, "it works now!");
    await h.say(carol, "can I talk to a human?");
    expect(await h.state()).toBe("awaiting_user");
    await h.command(alice, "solved");
    expect(await h.say(bob, "still broken for me")).toEqual([]);
    expect(await h.state()).toBe("solved");
  });
});

describe("handoff", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });
  afterEach(() => h.close());

  it("on request: state, a card for the staff channel, a notice in the thread", async () => {
    await h.say(alice, "Getting 429 rate limit errors from Gemini in openclaw, help");
    await h.say(alice, "openclaw --version: 2026.2.24");
    const actions = await h.say(alice, "this is taking too long, can I talk to a human?");
    expect(ofType(actions, "state")).toEqual([expect.objectContaining({ to: "handed_off" })]);
    const card = ofType(actions, "handoff_card")[0]?.card;
    expect(card?.reason).toBe("requested");
    expect(card?.requestedBy).toBe("alice");
    if (!card) throw new Error("no card");
    expect(renderHandoffCard(card, kb)).toContain(
      "State **handed_off** · the user asked for a human (alice) · unassigned",
    );
    expect(card?.askedAndAnswered.find((a) => a.id === "tool_version")?.answered).toBe(true);
    expect(card?.askedAndAnswered.find((a) => a.id === "raw_error")?.answered).toBe(false);
    expect(notices(actions, "handoff")[0]?.text).toContain(
      "As you asked, I've passed this thread to a human on the support team",
    );
    expect(h.query("SELECT * FROM handoffs")).toHaveLength(1);
    // Waiting on staff: no stale timers.
    expect((await h.store.loadThread(h.threadKey))?.pendingTimers).toEqual([]);
    // Asking again is answered, not duplicated.
    const again = await h.say(alice, "human please");
    expect(ofType(again, "handoff_card")).toHaveLength(0);
    expect(texts(again)).toContain("already with the support team");
  });

  it("on low confidence: unknown with nothing left to ask, twice in a row", async () => {
    await h.say(alice, msg(0));
    // The fallback config is asked for an open OpenClaw thread; answered, nothing is left to ask.
    await h.say(alice, "no fallbacks are configured");
    const round1 = await h.say(alice, msg(1));
    expect(texts(round1)).toContain("**Next experiment**");
    expect(await h.state()).toBe("awaiting_user");
    const round2 = await h.say(alice, msg(2));
    expect(ofType(round2, "reply")).toHaveLength(1);
    const card = ofType(round2, "handoff_card")[0]?.card;
    expect(card?.reason).toBe("low_confidence");
    expect(card?.report.errorClass).toBe("unknown");
    expect(notices(round2, "handoff")[0]?.text).toContain("I can't tell which limit this is");
    expect(await h.state()).toBe("handed_off");
    // Unclaimed, the bot keeps helping the reporter, and the posted card follows the thread.
    const later = await h.say(alice, msg(3));
    expect(ofType(later, "reply")[0]?.text).toContain("provider-side change or incident");
    const updated = ofType(later, "handoff_card")[0];
    expect(updated?.replaces).toMatch(/^sent:/);
    expect(updated?.card.report.errorClass).toBe("provider_incident");
  });

  it("questions still open do not count as low confidence", async () => {
    await h.say(alice, "Getting 429 rate limit errors from Gemini in openclaw, help");
    await h.say(alice, "no idea where to find any of that");
    await h.say(alice, "really no idea");
    expect(await h.state()).toBe("awaiting_user");
  });

  it("claim and back-to-bot are for staff; releasing resumes the bot and its stale clock", async () => {
    await h.say(alice, "Getting 429 rate limit errors from Gemini in openclaw, help");
    expect(texts(await h.command(alice, "claim"))).toContain("Only the support team");
    const claimed = await h.command(sam, "claim");
    expect(notices(claimed, "claimed")).toHaveLength(1);
    expect(await h.state()).toBe("handed_off");
    const released = await h.command(sam, "back_to_bot");
    expect(texts(released)).toContain("sam handed this thread back to me");
    expect(await h.state()).toBe("awaiting_user");
    const snapshot = await h.store.loadThread(h.threadKey);
    expect(snapshot?.thread.assignee).toBeNull();
    expect(snapshot?.pendingTimers.map((t) => t.kind)).toEqual(["nudge"]);
    expect(snapshot?.handoff?.releasedAt).not.toBeNull();
  });
});
