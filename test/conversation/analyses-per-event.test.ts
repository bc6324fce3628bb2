import { afterEach, describe, expect, it } from "vitest";
import type { AnalyzeThread } from "../../src/conversation/context.js";
import { analyze } from "../../src/core/analyze.js";
import type { Action } from "../../src/model/actions.js";
import { alice, conversationFixture, Harness, notices, ofType, sam } from "./support/harness.js";

/**
 * Counts the engine's real analyses (core's `analyze`, called through, not replaced) and the
 * size of each thread it analysed, so a test can tell "the whole thread" from "the thread
 * before this event".
 */
function countingAnalyze() {
  const sizes: number[] = [];
  const run: AnalyzeThread = (thread, ...rest) => {
    sizes.push(thread.messages.length);
    return analyze(thread, ...rest);
  };
  return {
    run,
    /** The thread sizes analysed since the last call, then forgotten. */
    take(): number[] {
      return sizes.splice(0);
    },
  };
}

const VAGUE = "Getting 429 rate limit errors from Gemini in openclaw, help";

describe("the thread is analysed once per event", () => {
  let h: Harness;
  afterEach(() => h.close());

  it("a first message: one analysis for the reply, the state and the stale timer", async () => {
    const counter = countingAnalyze();
    h = new Harness({ nudgeAfterHours: 6, closeAfterHours: 12 }, undefined, undefined, counter.run);
    const actions = await h.say(alice, VAGUE);
    expect(ofType(actions, "reply")).toHaveLength(1);
    expect(ofType(actions, "state")).toHaveLength(1);
    expect(counter.take()).toEqual([1]);
  });

  it("a follow-up: the whole thread once, the thread before it once (for what changed)", async () => {
    const counter = countingAnalyze();
    h = new Harness({}, undefined, undefined, counter.run);
    await h.say(alice, VAGUE);
    counter.take();
    const actions = await h.say(alice, conversationFixture("gemini-per-day-error.txt"));
    expect(ofType(actions, "reply")[0]?.text).toContain("What changed since the last message");
    expect(counter.take().sort()).toEqual([1, 2]);
  });

  it("asking for a human: reply, notice and handoff card from one analysis", async () => {
    const counter = countingAnalyze();
    h = new Harness({}, undefined, undefined, counter.run);
    await h.say(alice, VAGUE);
    counter.take();
    const actions: Action[] = await h.say(alice, "can I talk to a human please");
    expect(ofType(actions, "handoff_card")).toHaveLength(1);
    expect(notices(actions, "handoff")).toHaveLength(1);
    const sizes = counter.take();
    expect(sizes.filter((n) => n === 2)).toHaveLength(1);
    expect(sizes.length).toBeLessThanOrEqual(2);
  });

  it("a staff reply: the card refresh and the quiet verdict share one analysis", async () => {
    const counter = countingAnalyze();
    h = new Harness({}, undefined, undefined, counter.run);
    await h.say(alice, VAGUE);
    counter.take();
    const actions = await h.say(sam, "Looking at this now, which tier are you on?");
    expect(notices(actions, "claimed")).toHaveLength(1);
    const sizes = counter.take();
    expect(sizes.filter((n) => n === 2)).toHaveLength(1);
    expect(sizes.length).toBeLessThanOrEqual(2);
  });

  it("a timer (the stale nudge) and a command each analyse the thread once", async () => {
    const counter = countingAnalyze();
    h = new Harness({ nudgeAfterHours: 1, closeAfterHours: 12 }, undefined, undefined, counter.run);
    await h.say(alice, VAGUE);
    counter.take();
    h.advance(1);
    expect(notices(await h.tick(), "nudge")).toHaveLength(1);
    expect(counter.take()).toEqual([1]);
    const triaged = await h.command(alice, "triage");
    expect(ofType(triaged, "reply")).toHaveLength(1);
    // A command adds no message: the thread "before" it is the thread, already analysed.
    expect(counter.take()).toEqual([1]);
  });
});
