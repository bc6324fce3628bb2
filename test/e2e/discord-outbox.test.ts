import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../fakes/discord/bot-harness.js";
import { GEMINI_429 } from "../fakes/discord/pastes.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Short backoffs: the drainer's rules, without the wait. */
const QUICK = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 60 };
const THREAD_POSTS = /^\/channels\/\d+\/messages$/;

function logged(harness: Harness, pattern: RegExp) {
  return harness.fake.waitFor(
    () => harness.logs.find((l) => pattern.test(l.msg)),
    `a log line matching ${pattern}`,
  );
}

describe("Discord outbox: nothing dropped", () => {
  it("a reply Discord keeps refusing (5xx) is retried, then parked: a warning, and /card lists it", async () => {
    h = await startHarness({ drain: QUICK });
    const { fake } = h;
    fake.failCalls("POST", THREAD_POSTS, 500);
    const { threadId } = fake.forumPost(fake.world.alice, "Gemini 429", GEMINI_429);

    const parked = await logged(h, /parked as dead/);
    expect(parked).toMatchObject({ level: 40, action: "reply", attempts: QUICK.maxAttempts });
    expect(parked.threadKey).toBe(`discord:${threadId}`);
    expect(h.logs.filter((l) => /will be retried/.test(l.msg))).toHaveLength(QUICK.maxAttempts - 1);
    expect(fake.botMessages(threadId)).toEqual([]);

    // Discord is back: staff ask for the card and see what never reached the thread.
    fake.healCalls();
    const card = fake.slash(fake.world.sam, threadId, "card");
    const answer = await fake.waitFor(
      () =>
        fake
          .interactionCalls(card.token)
          .find((r) => r.method === "PATCH" && r.path.endsWith("@original")),
      "the /card answer",
    );
    expect(answer.body.content).toMatch(/Not delivered/);
    expect(answer.body.content).toMatch(/reply from .* given up after 3 tries: 500/);
  });

  it("a 403 is not retried: the reply is parked at once", async () => {
    h = await startHarness({ drain: QUICK });
    const { fake } = h;
    fake.failCalls("POST", THREAD_POSTS, 403);
    const { threadId } = fake.forumPost(fake.world.alice, "Gemini 429", GEMINI_429);
    const parked = await logged(h, /parked as dead/);
    expect(parked).toMatchObject({ attempts: 1, threadKey: `discord:${threadId}` });
    expect(h.logs.some((l) => /will be retried/.test(l.msg))).toBe(false);
  });

  it("an outage shorter than the tries delays the reply, which then arrives once", async () => {
    h = await startHarness({ drain: QUICK });
    const { fake } = h;
    // discord.js itself retries a 5xx three times: four refusals fail one delivery attempt.
    fake.failCalls("POST", THREAD_POSTS, 502, 4);
    const { threadId } = fake.forumPost(fake.world.alice, "Gemini 429", GEMINI_429);
    await logged(h, /will be retried/);
    const reply = await fake.waitFor(
      () => fake.botMessages(threadId).find((m) => (m.components as unknown[]).length > 0),
      "the reply",
    );
    await h.bot.idle();
    const first = fake.botMessages(threadId)[0];
    expect(first?.content).toContain("RESOURCE_EXHAUSTED");
    expect(fake.botMessages(threadId).filter((m) => m.id === reply.id)).toHaveLength(1);
    expect(await h.store?.outbox.deadLetters()).toEqual([]);
    expect(await h.store?.outbox.pending("discord:", 10)).toEqual([]);
  });

  it("a post Discord made but whose answer was lost is not posted twice (nonce)", async () => {
    h = await startHarness({ drain: QUICK });
    const { fake } = h;
    // Four lost answers: discord.js's own retries and then the outbox's next attempt resend it.
    fake.loseAnswers("POST", THREAD_POSTS, 502, 4);
    const { threadId } = fake.forumPost(fake.world.alice, "Gemini 429", GEMINI_429);
    await logged(h, /will be retried/);
    await fake.waitFor(
      () => fake.botMessages(threadId).find((m) => (m.components as unknown[]).length > 0),
      "the reply",
    );
    // A one-part reply is in the thread as soon as Discord made it, before the outbox's next
    // attempt has found it by its nonce: wait for that attempt to settle the row.
    for (
      let i = 0;
      i < 500 && ((await h.store?.outbox.pending("discord:", 10)) ?? []).length > 0;
      i++
    )
      await new Promise((done) => setTimeout(done, 20));
    await h.bot.idle();
    const firstParts = fake.calls("POST", THREAD_POSTS).filter((c) => c.path.includes(threadId));
    expect(new Set(firstParts.map((c) => c.body.nonce)).size).toBeLessThan(firstParts.length);
    const contents = fake.botMessages(threadId).map((m) => m.content);
    expect(contents.length).toBe(new Set(contents).size);
    expect(await h.store?.outbox.pending("discord:", 10)).toEqual([]);
  });
});
