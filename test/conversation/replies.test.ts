import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  alice,
  conversationFixture,
  Harness,
  notices,
  ofType,
  otherBot,
  texts,
} from "./support/harness.js";

const VAGUE = "Getting 429 rate limit errors from Gemini in openclaw, help";

describe("replies over a multi-message thread", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });
  afterEach(() => h.close());

  it("answers the first message in full and moves new → awaiting_user", async () => {
    const actions = await h.say(alice, VAGUE);
    const [reply] = ofType(actions, "reply");
    expect(reply?.text).toContain("**To pin it down, please paste all of these in one reply:**");
    expect(reply?.text).toContain("openclaw --version");
    expect(ofType(actions, "state")).toEqual([
      expect.objectContaining({ from: "new", to: "awaiting_user" }),
    ]);
    expect(await h.state()).toBe("awaiting_user");
  });

  it("a later paste changes the verdict and the reply says what changed", async () => {
    await h.say(alice, VAGUE);
    await h.say(alice, "openclaw --version: 2026.2.24");
    const actions = await h.say(alice, conversationFixture("gemini-per-day-error.txt"));
    const reply = ofType(actions, "reply")[0]?.text ?? "";
    expect(reply).toContain("**Diagnosis: requests-per-day quota**");
    expect(reply).toContain("**What changed since the last message**");
    expect(reply).toMatch(
      /- now: \*\*requests-per-day quota\*\*.*resets at 2026-05-02 07:00 UTC \(in 19 h\)/,
    );
    expect(reply).toContain("- answered: The raw provider error");
    expect(ofType(actions, "state")).toEqual([
      expect.objectContaining({ from: "awaiting_user", to: "diagnosed" }),
    ]);
    const verdicts = h.query<{ error_class: string }>(
      "SELECT error_class FROM verdicts ORDER BY id",
    );
    expect(verdicts.map((v) => v.error_class)).toEqual(["unknown", "unknown", "rpd"]);
  });

  it("never repeats a question's block: later replies say 'still needed' briefly", async () => {
    const first = texts(await h.say(alice, VAGUE));
    expect(first.match(/OPENCLAW_CACHE_TRACE=1/g)).toHaveLength(1);
    const second = texts(await h.say(alice, "openclaw --version: 2026.2.24"));
    expect(second).not.toContain("OPENCLAW_CACHE_TRACE=1");
    expect(second).not.toContain("To pin it down");
    expect(second).toContain(
      "**Still needed** (how to get each is in my earlier reply): the provider and model, the raw provider error",
    );
    expect(second).not.toMatch(/Still needed[^\n]*tool and its version/);
    // Advice is not listed again while the verdict stands.
    expect(second).not.toContain("**What you can do now**");
    const asked = h.query<{ question_id: string; times_asked: number; answered_at: string | null }>(
      "SELECT question_id, times_asked, answered_at FROM questions_asked",
    );
    expect(asked.every((q) => q.times_asked === 1)).toBe(true);
    expect(asked.find((q) => q.question_id === "tool_version")?.answered_at).not.toBeNull();
  });

  it("a message that answers nothing gets one short reminder, then silence", async () => {
    await h.say(alice, VAGUE);
    const reminder = await h.say(alice, "ok, let me look for those");
    expect(ofType(reminder, "reply")).toHaveLength(0);
    expect(notices(reminder, "info")[0]?.text).toMatch(/^\*\*Still needed\*\*/);
    expect(await h.say(alice, "still looking")).toEqual([]);
  });

  it("an edited message updates the earlier reply instead of posting a new one", async () => {
    await h.say(alice, VAGUE, { messageId: "first" });
    const edited = await h.say(alice, `${VAGUE}\nopenclaw 2026.2.24`, {
      messageId: "first",
      kind: "edit",
    });
    const [reply] = ofType(edited, "reply");
    expect(reply?.replaces).toMatch(/^sent:/);
    expect(h.query("SELECT * FROM messages")).toHaveLength(1);
    expect(
      h.query<{ edited_at: string }>("SELECT edited_at FROM messages")[0]?.edited_at,
    ).not.toBeNull();
  });

  it("a redelivered event never produces a second reply", async () => {
    const event = h.event(alice, VAGUE);
    expect(ofType(await h.port.receive(event), "reply")).toHaveLength(1);
    expect(await h.port.receive(event)).toEqual([]);
    expect(await h.port.receive({ ...event })).toEqual([]);
    expect(h.query("SELECT * FROM actions WHERE type = 'reply'")).toHaveLength(1);
  });

  it("ignores bots entirely", async () => {
    expect(await h.say(otherBot, VAGUE)).toEqual([]);
    expect(await h.store.loadThread(h.threadKey)).toBeNull();
  });

  it("a mention forces a full reply even when nothing changed", async () => {
    await h.say(alice, VAGUE);
    const actions = await h.say(alice, "@bot what now?", { mentionsBot: true });
    expect(ofType(actions, "reply")).toHaveLength(1);
  });
});
