/**
 * Slack needs its ack within 3 seconds or it sends the event again: the bot records the event in
 * its inbox, acks, and decides after (src/inbox). These tests hold the decision at its first Web
 * API call (the author's users.info) to see what Slack has by then, over HTTP and Socket Mode.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { type SlackHarness, SUPPORT, startSlackHarness, USER } from "../fakes/slack/harness.js";
import { eventEnvelope, messageEvent } from "../fakes/slack/payloads.js";

let h: SlackHarness | undefined;
/** Held calls are let go before stopping, also when a test failed while one was held. */
let release: () => void = () => undefined;
afterEach(async () => {
  release();
  await h?.stop();
  h = undefined;
});

const OPENAI_429 =
  "RateLimitError: 429 Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 26411, Requested 6230.";

interface Delivery {
  /** Whether Slack has its ack (an HTTP 200, an envelope ack) yet; false after an HTTP error. */
  acked: boolean;
  /** Resolves when the bot answered (in Socket Mode: acked). */
  done: Promise<void>;
}

/** Slack sends `envelope` (try `attempt`) over the harness's transport and watches for its ack. */
function deliver(harness: SlackHarness, envelope: Record<string, unknown>, attempt = 0): Delivery {
  const delivery: Delivery = { acked: false, done: Promise.resolve() };
  const ack =
    harness.bot.mode === "socket"
      ? harness.fake.sendEnvelope("events_api", envelope, attempt).then(() => true)
      : harness.send
          .event(envelope, attempt > 0 ? { retryNum: attempt, retryReason: "http_timeout" } : {})
          .then((res) => res.status === 200);
  delivery.done = ack.then((acked) => {
    delivery.acked = acked;
  });
  return delivery;
}

function question(harness: SlackHarness, root: string, text = OPENAI_429) {
  return eventEnvelope(
    harness.fake.state,
    messageEvent({ channel: SUPPORT, user: USER, text, ts: root }),
  );
}

function repliesIn(harness: SlackHarness, root: string) {
  return harness.fake.callsOf("chat.postMessage").filter((c) => c.params.thread_ts === root);
}

/** The inbox and the engine's store as Slack's ack finds them. */
async function stateOf(harness: SlackHarness, root: string) {
  const eventId = `slack:${SUPPORT}:${root}`;
  return {
    inbox: await harness.conversation.inbox.backlog("slack:"),
    decided: (await harness.store?.hasEvent(eventId)) ?? null,
  };
}

describe.each([
  ["Socket Mode", true],
  ["HTTP", false],
])("Slack %s: an event is acked once recorded, then decided", (_mode, socketMode) => {
  it("acks while the decision is still held, with the event in the inbox; the reply follows once", async () => {
    h = await startSlackHarness({ socketMode });
    const root = "1760000700.000100";
    release = h.fake.hold("users.info");
    const first = deliver(h, question(h, root));
    await first.done;
    expect(first.acked).toBe(true);
    await h.fake.waitFor("users.info");
    expect(await stateOf(h, root)).toEqual({ inbox: 1, decided: false });

    release();
    await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === root);
    await h.bot.idle();
    expect(await stateOf(h, root)).toEqual({ inbox: 0, decided: true });
    expect(repliesIn(h, root)).toHaveLength(1);
  });

  it("a redelivery while the first try is undecided is acked at once and answered once", async () => {
    h = await startSlackHarness({ socketMode });
    const root = "1760000800.000100";
    release = h.fake.hold("users.info");
    const envelope = question(h, root);
    await deliver(h, envelope).done;
    await h.fake.waitFor("users.info");
    const again = deliver(h, envelope, 1);
    await again.done;
    expect(again.acked).toBe(true);
    expect(await stateOf(h, root)).toEqual({ inbox: 1, decided: false });

    release();
    await h.bot.idle();
    // And once more after it was decided: acked, not decided again.
    const late = deliver(h, envelope, 2);
    await late.done;
    await h.bot.idle();
    expect(late.acked).toBe(true);
    expect(repliesIn(h, root)).toHaveLength(1);
  });

  it("an event the inbox could not record is not acked, and Slack's next try is answered once", async () => {
    h = await startSlackHarness({ socketMode });
    const root = "1760000900.000100";
    const inbox = h.conversation.inbox;
    const record = inbox.record.bind(inbox);
    let failed = false;
    inbox.record = async (entry) => {
      if (failed) return record(entry);
      failed = true;
      throw new Error("the database is locked");
    };
    const envelope = question(h, root);
    const first = deliver(h, envelope);
    if (socketMode) {
      await vi.waitFor(() => expect(failed).toBe(true));
      // Another event's ack proves the first one's had its chance to come.
      await deliver(h, question(h, "1760000900.000200", "thanks all")).done;
    } else await first.done;
    expect({ failed, acked: first.acked }).toEqual({ failed: true, acked: false });

    const again = deliver(h, envelope, 1);
    await again.done;
    expect(again.acked).toBe(true);
    await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === root);
    await h.bot.idle();
    expect(repliesIn(h, root)).toHaveLength(1);
  });

  it("a decision that fails stays in the inbox and is tried again after a backoff: answered once", async () => {
    h = await startSlackHarness({
      socketMode,
      inbox: { baseDelayMs: 20, maxDelayMs: 50, pollMs: 20 },
    });
    const root = "1760001000.000100";
    const { conversation } = h;
    const receive = conversation.receive.bind(conversation);
    let failures = 0;
    conversation.receive = async (event) => {
      if (failures < 2) {
        failures++;
        throw new Error("the database is locked");
      }
      return receive(event);
    };
    const first = deliver(h, question(h, root));
    await first.done;
    expect(first.acked).toBe(true);
    await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === root);
    await h.bot.idle();
    expect(failures).toBe(2);
    expect(await stateOf(h, root)).toEqual({ inbox: 0, decided: true });
    expect(repliesIn(h, root)).toHaveLength(1);
  });
});

describe("Slack: the inbox across a restart and inside a thread", () => {
  it("what a stopped bot acked and did not decide is decided by the next one", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "rlt-ack-first-"));
    try {
      h = await startSlackHarness({ databasePath: join(dir, "bot.db") });
      const root = "1760001100.000100";
      // The decision fails for as long as this bot runs: the event stays acked and undecided.
      let tries = 0;
      h.conversation.receive = async () => {
        tries++;
        throw new Error("the engine is down");
      };
      const first = deliver(h, question(h, root));
      await first.done;
      await vi.waitFor(() => expect(tries).toBeGreaterThan(0));
      expect({ acked: first.acked, ...(await stateOf(h, root)) }).toEqual({
        acked: true,
        inbox: 1,
        decided: false,
      });
      await h.restart();
      await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === root);
      await h.bot.idle();
      expect(repliesIn(h, root)).toHaveLength(1);
      expect(await stateOf(h, root)).toEqual({ inbox: 0, decided: true });
    } finally {
      await h?.stop();
      h = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a reply right behind an undecided question is kept and decided after it, in order", async () => {
    h = await startSlackHarness();
    const root = "1760001200.000100";
    release = h.fake.hold("users.info");
    await deliver(h, question(h, root)).done;
    const follow = eventEnvelope(
      h.fake.state,
      messageEvent({
        channel: SUPPORT,
        user: USER,
        text: "openclaw 2026.2.24, tier 1",
        ts: "1760001200.000200",
        thread_ts: root,
      }),
    );
    const second = deliver(h, follow);
    await second.done;
    expect(second.acked).toBe(true);
    expect(await stateOf(h, root)).toEqual({ inbox: 2, decided: false });
    release();
    await h.bot.idle();
    const ids = h.conversation.events.map((e) => e.messageId);
    expect(ids).toEqual([root, "1760001200.000200"]);
  });

  it("a key pasted in a message is redacted before the event is recorded, and the reply says rotate", async () => {
    h = await startSlackHarness();
    const root = "1760001300.000100";
    const key = `sk-proj-${"A1b2C3d4E5f6G7h8".repeat(3)}`;
    release = h.fake.hold("users.info");
    await deliver(h, question(h, root, `${OPENAI_429}\nmy key is ${key}`)).done;
    await h.fake.waitFor("users.info");
    const rows = h.store?.statements.db.prepare("SELECT payload FROM inbox").all() as Array<{
      payload: string;
    }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.payload).not.toContain(key);
    expect(rows[0]?.payload).toContain("RateLimitError: 429");
    release();
    await h.bot.idle();
    // The engine was told what was taken out: the reply asks to rotate the key.
    expect(h.conversation.events[0]?.redactions?.map((r) => r.kind)).toHaveLength(1);
    const reply = JSON.stringify(repliesIn(h, root)[0]?.params ?? {});
    expect(reply).not.toContain(key);
    expect(reply).toMatch(/rotate/i);
  });
});
