import { afterEach, expect, it } from "vitest";
import { type Harness, startHarness } from "../fakes/discord/bot-harness.js";
import { GEMINI_429, VERSION_FOLLOW_UP } from "../fakes/discord/pastes.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it("a 429 from Discord's REST (per route, then global) delays replies but never loses them", async () => {
  h = await startHarness();
  const { fake } = h;
  const messages = /^\/channels\/\d+\/messages$/;
  fake.rateLimitNext({ method: "POST", path: messages, retryAfterSeconds: 1, global: false });
  const { threadId } = fake.forumPost(fake.world.alice, "Gemini 429", GEMINI_429);

  const posted = await fake.waitFor(
    () => fake.botMessages(threadId)[0],
    "the reply, after the 429",
  );
  const [limited] = fake.limiter.records;
  expect(limited).toMatchObject({
    method: "POST",
    path: `/channels/${threadId}/messages`,
    global: false,
  });
  // The fake's own clock: the client came back no earlier than Retry-After allowed.
  expect(limited?.retriedAt).toBeDefined();
  expect(limited?.honoured).toBe(true);
  expect(posted.content).toContain("RESOURCE_EXHAUSTED");
  await h.bot.idle();

  // A global limit on the follow-up's reply: also waited out, and it lands once.
  fake.rateLimitNext({ method: "POST", path: messages, retryAfterSeconds: 1, global: true });
  const mark = fake.requests.length;
  fake.say(threadId, fake.world.alice, VERSION_FOLLOW_UP);
  await fake.waitFor(
    () => fake.botMessages(threadId).find((m) => m.content.includes("What changed")),
    "the updated verdict, after the global 429",
  );
  expect(fake.limiter.records[1]).toMatchObject({ method: "POST", global: true, honoured: true });
  const attempts = fake
    .writesTo(threadId, mark)
    .filter((w) => w.body.content?.includes("What changed"));
  expect(attempts).toHaveLength(2);
  // Nothing was lost or doubled: each verdict is in the thread exactly once.
  expect(fake.botMessages(threadId).filter((m) => m.content.includes("What changed"))).toHaveLength(
    1,
  );
  expect(fake.botMessages(threadId).filter((m) => m.id === posted.id)).toHaveLength(1);
});
