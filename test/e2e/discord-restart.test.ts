import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../fakes/discord/bot-harness.js";
import { GEMINI_429, VERSION_FOLLOW_UP } from "../fakes/discord/pastes.js";
import { maskWait } from "../helpers/mask-wait.js";

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/**
 * A question, the bot's reply, then the reporter's answer, which mentions neither the bot nor a
 * rate limit (and the thread's title does not either): only "the bot is in this thread" lets it
 * through. Returns what the bot answered, and the thread's timers around the answer.
 */
/** A bot on a fresh database file (it becomes `h`), and a forum post it has answered. */
async function answeredPost(): Promise<{ harness: Harness; threadId: string }> {
  dir = mkdtempSync(join(tmpdir(), "rlt-discord-restart-"));
  const harness = await startHarness({ databasePath: join(dir, "bot.db") });
  h = harness; // closed after the test even if the first reply never comes
  const { fake } = harness;
  const { threadId } = fake.forumPost(fake.world.alice, "Gemini keeps failing", GEMINI_429);
  await fake.waitFor(
    () => fake.botMessages(threadId).find((m) => (m.components as unknown[]).length > 0),
    "the first reply",
  );
  await harness.bot.idle();
  return { harness, threadId };
}

async function answerAfter(restart: boolean) {
  const { harness, threadId } = await answeredPost();
  h = harness;
  const { fake } = h;
  const key = `discord:${threadId}`;
  const nudgeBefore = (await h.store?.loadThread(key))?.pendingTimers ?? [];

  if (restart) await h.restart();
  const mark = fake.requests.length;
  fake.say(threadId, fake.world.alice, VERSION_FOLLOW_UP);
  const update = await fake.waitFor(
    () => fake.writesTo(threadId, mark).find((w) => w.body.content?.includes("What changed")),
    "the answer to the follow-up",
  );
  await h.bot.idle();
  const timersAfter = (await h.store?.loadThread(key))?.pendingTimers ?? [];
  return { harness: h, threadId, text: String(update.body.content), nudgeBefore, timersAfter };
}

describe("Discord across a restart", () => {
  it("the reporter's answer after a restart gets the same reply as without one", async () => {
    const straight = await answerAfter(false);
    await h?.close();
    h = undefined;
    const restarted = await answerAfter(true);
    expect(restarted.text).toContain("answered: The tool and its version");
    expect(maskWait(restarted.text)).toBe(maskWait(straight.text));
  });

  it("the stale nudge pending when the reporter answered never fires", async () => {
    const { harness, nudgeBefore, timersAfter } = await answerAfter(true);
    expect(nudgeBefore.map((t) => t.kind)).toEqual(["nudge"]);
    const stale = nudgeBefore[0];
    expect(timersAfter.map((t) => t.id)).not.toContain(stale?.id);
    // The moment the old nudge was due: nothing fires, the answer restarted the clock.
    const fired = await harness.conversation.tick(new Date(stale?.dueAt ?? 0));
    expect(fired).toEqual([]);
  });

  it("an edited question after a restart edits every part of the stored reply in place", async () => {
    dir = mkdtempSync(join(tmpdir(), "rlt-discord-restart-"));
    h = await startHarness({ databasePath: join(dir, "bot.db") });
    const { fake } = h;
    const { threadId, message } = fake.forumPost(
      fake.world.alice,
      "Gemini keeps failing",
      GEMINI_429,
    );
    await fake.waitFor(
      () => fake.botMessages(threadId).find((m) => (m.components as unknown[]).length > 0),
      "the first reply",
    );
    await h.bot.idle();
    // First replies fit one message now (the reply budget); a longer one is cut into parts, and
    // the edit below must patch the stored ids in place either way.
    const parts = fake.botMessages(threadId).map((m) => m.id);
    expect(parts.length).toBeGreaterThanOrEqual(1);

    await h.restart();
    const mark = fake.requests.length;
    fake.edit(message.id, `${GEMINI_429}\n\n${VERSION_FOLLOW_UP}`);
    await fake.waitFor(
      () => fake.writesTo(threadId, mark).find((w) => w.body.content?.includes("What changed")),
      "the edited reply",
    );
    await h.bot.idle();
    const writes = fake.writesTo(threadId, mark).filter((w) => /\/messages/.test(w.path));
    expect(writes.filter((w) => w.method === "POST")).toEqual([]);
    const patched = writes.filter((w) => w.method === "PATCH").map((w) => w.path.split("/").at(-1));
    expect(patched).toEqual(parts.slice(0, patched.length));
  });

  it("an answer given while the bot was down is read back at start-up and answered", async () => {
    const { harness, threadId } = await answeredPost();
    h = harness;
    const { fake } = h;
    const mark = fake.requests.length;
    await h.restart(() => fake.say(threadId, fake.world.alice, VERSION_FOLLOW_UP));
    const update = await fake.waitFor(
      () => fake.writesTo(threadId, mark).find((w) => w.body.content?.includes("What changed")),
      "the answer to the message sent while down",
    );
    expect(update.body.content).toContain("answered: The tool and its version");
  });

  it("a new post the store never saw (made while the bot was down) is answered at start-up", async () => {
    dir = mkdtempSync(join(tmpdir(), "rlt-discord-restart-"));
    h = await startHarness({ databasePath: join(dir, "bot.db") });
    const { fake } = h;
    let threadId = "";
    await h.restart(() => {
      threadId = fake.forumPost(fake.world.alice, "Gemini keeps failing", GEMINI_429).threadId;
    });
    const reply = await fake.waitFor(
      () => fake.botMessages(threadId).find((m) => (m.components as unknown[]).length > 0),
      "the reply to the post made while down",
    );
    expect(fake.botMessages(threadId)[0]?.content).toContain("RESOURCE_EXHAUSTED");
    expect(reply.channel_id).toBe(threadId);
  });

  it("a text-channel question that never got its thread (asked while down) gets one at start-up, once", async () => {
    dir = mkdtempSync(join(tmpdir(), "rlt-discord-restart-"));
    h = await startHarness({ databasePath: join(dir, "bot.db") });
    const { fake } = h;
    const { text, bob } = fake.world;
    let questionId = "";
    let chatterId = "";
    await h.restart(() => {
      // What the gateway told nobody: a question, and chatter the bot would not answer anyway.
      questionId = fake.world.addMessage(text.id, bob, GEMINI_429).id;
      chatterId = fake.world.addMessage(text.id, bob, "anyone around? my build is slow").id;
    });
    const reply = await fake.waitFor(
      () => fake.botMessages(questionId).find((m) => (m.components as unknown[]).length > 0),
      "the reply in the question's new thread",
    );
    expect(reply.channel_id).toBe(questionId);
    expect(fake.botMessages(questionId)[0]?.content).toContain("RESOURCE_EXHAUSTED");
    const opened = fake.calls("POST", /\/threads$/).map((r) => r.path);
    expect(opened).toEqual([`/channels/${text.id}/messages/${questionId}/threads`]);
    expect(fake.world.channels.has(chatterId)).toBe(false);

    // Known now: the next start opens nothing and says nothing again.
    const parts = fake.botMessages(questionId).length;
    await h.restart();
    await h.bot.idle();
    expect(fake.calls("POST", /\/threads$/)).toHaveLength(1);
    expect(fake.botMessages(questionId)).toHaveLength(parts);
  });
});
