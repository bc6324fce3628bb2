import { afterEach, expect, it } from "vitest";
import { type Harness, startHarness } from "../fakes/discord/bot-harness.js";
import { GEMINI_429, VERSION_FOLLOW_UP } from "../fakes/discord/pastes.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it("a 429 from Discord's REST delays the reply and its edit but never loses them", async () => {
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

  // A global limit on the edit: also waited out, and the edit lands on the same message.
  fake.rateLimitNext({
    method: "PATCH",
    path: /^\/channels\/\d+\/messages\/\d+$/,
    retryAfterSeconds: 1,
    global: true,
  });
  fake.say(threadId, fake.world.alice, VERSION_FOLLOW_UP);
  await fake.waitFor(
    () =>
      fake.calls("PATCH", new RegExp(`^/channels/${threadId}/messages/${posted.id}$`)).length === 2,
    "the edit, after the global 429",
  );
  const globalLimit = fake.limiter.records[1];
  expect(globalLimit).toMatchObject({ method: "PATCH", global: true, honoured: true });
  expect(fake.world.messages.get(posted.id)?.content).toContain(
    "What changed since the last message",
  );
  // Nothing was posted twice: one first part, in the thread, with its content.
  const heads = fake.botMessages(threadId).filter((m) => m.content.startsWith("**Not enough"));
  expect(heads.map((m) => m.id)).toEqual([posted.id]);
});
