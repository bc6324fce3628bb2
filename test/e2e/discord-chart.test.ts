import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../fakes/discord/bot-harness.js";
import { GEMINI_429 } from "../fakes/discord/pastes.js";
import { readFixture } from "../helpers/fixtures.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const trace = readFixture("openclaw", "cache-trace-429.jsonl");
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Every part of the reply once the last one (with the buttons) is posted. */
function replyParts(harness: Harness, threadId: string) {
  const { fake } = harness;
  return fake.waitFor(() => {
    const all = fake.calls("POST", new RegExp(`^/channels/${threadId}/messages$`));
    return all.at(-1)?.body.components.length ? all : null;
  }, "the whole reply");
}

describe("the timeline chart on Discord", () => {
  it("attaches the chart of an attached trace to the reply's last part, with alt text", async () => {
    h = await startHarness();
    const { fake } = h;
    const { threadId } = fake.forumPost(fake.world.alice, "agent keeps failing", "trace attached", [
      { name: "cache-trace.jsonl", body: Buffer.from(trace) },
    ]);
    const parts = await replyParts(h, threadId);
    expect(parts.map((p) => p.body.content).join("\n")).toContain("What the retries cost:");
    const upload = fake.rest.uploads[0];
    expect(upload?.name).toBe("rate-limit-timeline.png");
    expect(upload?.contentType).toBe("image/png");
    expect(upload?.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(upload?.description).toBe("gemini-2.5-flash: 10 × 429, 9 retries in 2 min");
    // On the last part, the one with the buttons: the picture sits under the whole reply.
    expect(parts.at(-1)?.body.attachments).toEqual([
      { id: 0, filename: "rate-limit-timeline.png", description: upload?.description },
    ]);
    expect(fake.rest.uploads).toHaveLength(1);
  });

  it("attaches nothing to a reply to prose without times", async () => {
    h = await startHarness();
    const { fake } = h;
    const { threadId } = fake.forumPost(
      fake.world.alice,
      "Gemini 429 on the free tier",
      GEMINI_429,
    );
    await replyParts(h, threadId);
    expect(fake.rest.uploads).toEqual([]);
  });
});
