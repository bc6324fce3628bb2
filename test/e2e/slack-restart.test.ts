import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { textOf } from "../fakes/slack/blocks.js";
import {
  type SlackHarness,
  STAFF,
  SUPPORT,
  startSlackHarness,
  USER,
} from "../fakes/slack/harness.js";

import { eventEnvelope, type MessageInput, messageEvent } from "../fakes/slack/payloads.js";
import { maskWait } from "../helpers/mask-wait.js";

const OPENAI_429 =
  "Getting this all afternoon:\n```\nRateLimitError: 429 Rate limit reached for gpt-4o in organization org-FAKEFAKEFAKE on tokens per min (TPM): Limit 30000, Used 26411, Requested 6230. Please try again in 5.282s.\n```";
const ROOT = "1760000100.000200";
const KEY = `slack:${SUPPORT}:${ROOT}`;

let h: SlackHarness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function say(harness: SlackHarness, input: Partial<MessageInput> & { text: string }) {
  const event = messageEvent({ channel: SUPPORT, user: USER, ts: ROOT, ...input });
  return harness.send.event(eventEnvelope(harness.fake.state, event));
}

/**
 * The question, the bot's reply, then the reporter's answer in the thread: no mention, no rate
 * limit in it, so only "the bot has this thread" lets it through. Returns the edited reply.
 */
async function answerAfter(restart: boolean) {
  dir = mkdtempSync(join(tmpdir(), "rlt-slack-restart-"));
  const harness = await startSlackHarness({ databasePath: join(dir, "bot.db") });
  h = harness;
  await say(harness, { text: OPENAI_429 });
  const reply = await harness.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === ROOT);
  await harness.bot.idle();
  const nudgeBefore = (await harness.store?.loadThread(KEY))?.pendingTimers ?? [];
  const replyTs = await harness.store?.outbox.lastDeliveredReply(KEY);

  if (restart) await harness.restart();
  await say(harness, {
    text: "I'm on usage tier 1, openclaw 2026.3.1",
    ts: "1760000200.000300",
    thread_ts: ROOT,
  });
  const update = await harness.fake.waitFor("chat.update");
  await harness.bot.idle();
  const timersAfter = (await harness.store?.loadThread(KEY))?.pendingTimers ?? [];
  return { harness, reply, replyTs, update, nudgeBefore, timersAfter };
}

describe("Slack across a restart", () => {
  it("the reporter's answer after a restart edits the same reply, as without one", async () => {
    const straight = await answerAfter(false);
    await h?.stop();
    h = undefined;
    const restarted = await answerAfter(true);
    // The reply's ts came from the store, not the old process's memory.
    expect(restarted.replyTs).toMatch(/^\d+\.\d+$/);
    expect(restarted.update.params.ts).toBe(restarted.replyTs);
    expect(maskWait(textOf(restarted.update.params))).toBe(
      maskWait(textOf(straight.update.params)),
    );
    const posts = restarted.harness.fake.callsOf("chat.postMessage");
    expect(posts.filter((c) => c.params.thread_ts === ROOT)).toEqual([restarted.reply]);
  });

  it("the stale nudge pending when the reporter answered never fires", async () => {
    const { harness, nudgeBefore, timersAfter } = await answerAfter(true);
    expect(nudgeBefore.map((t) => t.kind)).toEqual(["nudge"]);
    const stale = nudgeBefore[0];
    expect(timersAfter.map((t) => t.id)).not.toContain(stale?.id);
    expect(await harness.conversation.tick(new Date(stale?.dueAt ?? 0))).toEqual([]);
  });

  it("App Home lists a thread waiting on the user after a restart: the list comes from the store", async () => {
    dir = mkdtempSync(join(tmpdir(), "rlt-slack-restart-"));
    const harness = await startSlackHarness({ databasePath: join(dir, "bot.db") });
    h = harness;
    await say(harness, { text: "Getting 429 errors all day, any idea?" });
    await harness.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === ROOT);
    await harness.bot.idle();
    await harness.restart();
    await harness.send.event(
      eventEnvelope(harness.fake.state, {
        type: "app_home_opened",
        user: STAFF,
        channel: "DHOME",
        tab: "home",
      }),
    );
    const view = await harness.fake.waitFor("views.publish", (c) => c.params.user_id === STAFF);
    const text = textOf(view.params);
    // The question's ts is long past, so the thread counts as going stale.
    expect(text).toMatch(/Stale soon \(1\)\n.*Getting 429 errors all day/);
  });
});
