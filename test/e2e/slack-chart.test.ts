import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { textOf } from "../fakes/slack/blocks.js";
import { eventually } from "../fakes/slack/eventually.js";
import { type SlackHarness, SUPPORT, startSlackHarness, USER } from "../fakes/slack/harness.js";
import { eventEnvelope, messageEvent } from "../fakes/slack/payloads.js";

const ROOT = "1760000300.000200";
const LOG = readFileSync(
  join(import.meta.dirname, "../fixtures/timeline/per-minute-retries.log"),
  "utf8",
);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.stop();
});

function say(text: string, ts = ROOT) {
  const event = messageEvent({
    channel: SUPPORT,
    user: USER,
    ts,
    text,
    ...(ts === ROOT ? {} : { thread_ts: ROOT }),
  });
  return h.send.event(eventEnvelope(h.fake.state, event));
}

describe("the timeline chart on Slack", () => {
  test("a pasted log gets the reply, then the chart uploaded into the thread", async () => {
    await say(`gpt-4o-mini keeps hitting 429, here is the gateway log:\n\`\`\`\n${LOG}\`\`\``);
    const reply = await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === ROOT);
    expect(textOf(reply.params)).toContain("What the retries cost:");
    const complete = await h.fake.waitFor("files.completeUploadExternal");
    expect(complete.params.channel_id).toBe(SUPPORT);
    expect(complete.params.thread_ts).toBe(ROOT);
    const shared = h.fake.state.shared[0];
    expect(shared?.bytes?.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(shared?.title).toMatch(/gpt-4o-mini: 30 × 429, 29 retries in/);
    expect(shared?.altText).toBe(shared?.title);
    // The reply went out before the upload began.
    const order = h.fake.calls.map((c) => c.method);
    expect(order.indexOf("chat.postMessage")).toBeLessThan(
      order.indexOf("files.getUploadURLExternal"),
    );
  });

  test("prose without times gets a reply and no file", async () => {
    await say("Getting 429 Too Many Requests from gpt-4o all afternoon, on tokens per min");
    await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === ROOT);
    await eventually(() => h.conversation.receivedIds.length > 0, "the message to be received");
    expect(h.fake.calls.some((c) => c.method.startsWith("files.getUpload"))).toBe(false);
    expect(h.fake.state.shared).toEqual([]);
  });

  test("when the upload is refused the reply still stands", async () => {
    h.fake.state.refuseUploads = true;
    await say(`429s again:\n\`\`\`\n${LOG}\`\`\``);
    const reply = await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === ROOT);
    expect(textOf(reply.params)).toContain("What the retries cost:");
    await h.fake.waitFor("files.getUploadURLExternal");
    expect(h.fake.state.shared).toEqual([]);
  });
});
