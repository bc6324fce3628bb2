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
  /** Whether the store held the event at the moment the ack came. */
  storedAtAck: boolean | null;
  /** Resolves when the bot answered (in Socket Mode: acked). */
  done: Promise<void>;
}

/** Slack sends `envelope` (try `attempt`) over the harness's transport and watches for its ack. */
function deliver(harness: SlackHarness, envelope: Record<string, unknown>, attempt = 0): Delivery {
  const eventId = `slack:${SUPPORT}:${(envelope.event as { ts: string }).ts}`;
  const delivery: Delivery = { acked: false, storedAtAck: null, done: Promise.resolve() };
  const ack =
    harness.bot.mode === "socket"
      ? harness.fake.sendEnvelope("events_api", envelope, attempt).then(() => true)
      : harness.send
          .event(envelope, attempt > 0 ? { retryNum: attempt, retryReason: "http_timeout" } : {})
          .then((res) => res.status === 200);
  delivery.done = ack.then(async (acked) => {
    delivery.acked = acked;
    if (acked) delivery.storedAtAck = (await harness.store?.hasEvent(eventId)) ?? null;
  });
  return delivery;
}

function question(harness: SlackHarness, root: string): Record<string, unknown> {
  return eventEnvelope(
    harness.fake.state,
    messageEvent({ channel: SUPPORT, user: USER, text: OPENAI_429, ts: root }),
  );
}

/** Delivers a question whose handling the fake holds before it is stored (at its permalink). */
async function heldMidEvent(harness: SlackHarness, root: string) {
  // The bot asks for the thread's permalink before it stores the event: held there.
  release = harness.fake.hold("chat.getPermalink", (c) => c.params.message_ts === root);
  const envelope = question(harness, root);
  const first = deliver(harness, envelope);
  await harness.fake.waitFor("chat.getPermalink", (c) => c.params.message_ts === root);
  return { envelope, first };
}

function repliesIn(harness: SlackHarness, root: string) {
  return harness.fake.callsOf("chat.postMessage").filter((c) => c.params.thread_ts === root);
}

/**
 * A message in another thread, not about a rate limit: acked as soon as it is looked at. Once its
 * ack is back, an envelope sent before it has reached the bot too and would have been acked by
 * a receiver that acks on arrival.
 */
async function probe(harness: SlackHarness, ts: string): Promise<void> {
  const envelope = eventEnvelope(
    harness.fake.state,
    messageEvent({ channel: SUPPORT, user: USER, text: "thanks all, have a nice day", ts }),
  );
  await deliver(harness, envelope).done;
}

describe.each([
  ["Socket Mode", true],
  ["HTTP", false],
])("Slack %s: an event is acked only once it is stored", (_mode, socketMode) => {
  it("holds the ack while the event is still being read, and acks once it is in the store", async () => {
    h = await startSlackHarness({ socketMode });
    const root = "1760000700.000100";
    const { first } = await heldMidEvent(h, root);
    await probe(h, "1760000700.000200");
    expect(first.acked).toBe(false);

    release();
    await first.done;
    expect(first.storedAtAck).toBe(true);
    await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === root);
  });

  it("a redelivery that comes while the first try is in flight is acked after the event is stored, and answered once", async () => {
    h = await startSlackHarness({ socketMode });
    const root = "1760000800.000100";
    const { envelope, first } = await heldMidEvent(h, root);
    // Slack gave up waiting for the first try and sends the same event again.
    const again = deliver(h, envelope, 1);
    await probe(h, "1760000800.000200");
    expect({ first: first.acked, again: again.acked }).toEqual({ first: false, again: false });

    release();
    await Promise.all([first.done, again.done]);
    expect({ first: first.storedAtAck, again: again.storedAtAck }).toEqual({
      first: true,
      again: true,
    });
    await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === root);
    await h.bot.idle();
    expect(repliesIn(h, root)).toHaveLength(1);
  });

  it("an event that failed before it was stored is not acked, and Slack's next try is answered once", async () => {
    h = await startSlackHarness({ socketMode });
    const root = "1760000900.000100";
    const { conversation } = h;
    const receive = conversation.receive.bind(conversation);
    let failed = false;
    conversation.receive = async (event) => {
      if (failed) return receive(event);
      failed = true;
      throw new Error("the database is locked");
    };
    const envelope = question(h, root);
    const first = deliver(h, envelope);
    if (socketMode) {
      await vi.waitFor(() => expect(failed).toBe(true));
      await probe(h, "1760000900.000200");
    } else await first.done;
    expect({ failed, acked: first.acked }).toEqual({ failed: true, acked: false });

    const again = deliver(h, envelope, 1);
    await again.done;
    expect(again.storedAtAck).toBe(true);
    await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === root);
    await h.bot.idle();
    expect(repliesIn(h, root)).toHaveLength(1);
  });
});
