import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../fakes/discord/bot-harness.js";
import { GEMINI_429, PING_429, VERSION_FOLLOW_UP } from "../fakes/discord/pastes.js";
import type { FakeMessage } from "../fakes/discord/world.js";
import { readFixture } from "../helpers/fixtures.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const NO_PINGS = { parse: [] };
const trace = readFixture("openclaw", "cache-trace-429.jsonl");

/** The bot's first POST into a channel, once it has happened. */
function firstPost(harness: Harness, channelId: string) {
  const { fake } = harness;
  return fake.waitFor(
    () => fake.calls("POST", new RegExp(`^/channels/${channelId}/messages$`))[0],
    `a message in ${channelId}`,
  );
}

/** The whole reply once its last part (the one with buttons) is posted. */
async function fullReply(harness: Harness, channelId: string): Promise<string> {
  const { fake } = harness;
  const parts = await fake.waitFor(() => {
    const all = fake.calls("POST", new RegExp(`^/channels/${channelId}/messages$`));
    return all.at(-1)?.body.components.length ? all : null;
  }, "the whole reply");
  return parts.map((p) => p.body.content).join("\n");
}

describe("Discord threads end to end", () => {
  it("answers a forum post with a pasted 429: reply, verdict embed, buttons, needs-info tag", async () => {
    h = await startHarness();
    const { fake, conversation } = h;
    const { threadId } = fake.forumPost(
      fake.world.alice,
      "Gemini 429 on the free tier",
      GEMINI_429,
    );

    const post = await firstPost(h, threadId);
    expect(post.body.content).toContain("RESOURCE_EXHAUSTED");
    expect(post.body.content).toContain("openclaw --version");
    expect(post.body.allowed_mentions).toEqual(NO_PINGS);
    const fields = Object.fromEntries(
      post.body.embeds[0].fields.map((f: { name: string; value: string }) => [f.name, f.value]),
    );
    expect(fields).toMatchObject({ Provider: "google", Model: "gemini-2.5-flash" });
    // A long reply is cut at section boundaries: embed on the first part, buttons on the last.
    const parts = await fake.waitFor(() => {
      const all = fake.calls("POST", new RegExp(`^/channels/${threadId}/messages$`));
      return all.at(-1)?.body.components.length ? all : null;
    }, "the reply's last part");
    for (const part of parts) expect(part.body.content.length).toBeLessThanOrEqual(2000);
    expect(
      parts.at(-1)?.body.components[0].components.map((b: { label: string }) => b.label),
    ).toEqual(["Paste details", "Hand off to a human", "Mark solved", "Draft GitHub issue"]);

    const event = conversation.events[0];
    expect(event).toMatchObject({
      platform: "discord",
      threadKey: `discord:${threadId}`,
      messageId: threadId,
      kind: "message",
      title: "Gemini 429 on the free tier",
      author: { id: fake.world.alice.id, name: "alice", isBot: false, isStaff: false },
    });

    // The lifecycle tag did not exist: the bot created it, kept the user's tag, and applied it.
    const tagged = await fake.waitFor(
      () => fake.calls("PATCH", new RegExp(`^/channels/${threadId}$`))[0],
      "tags applied",
    );
    const tags = fake.world.forum.available_tags ?? [];
    expect(tags.map((t) => t.name)).toEqual(["gemini", "needs-info"]);
    expect(tagged.body.applied_tags).toEqual([tags[1]?.id]);
  });

  // The real engine posts a new reply when the verdict moves; the double edits its last one:
  // both adapter paths (post, and edit in place) are exercised.
  it.each([
    ["real", "POST"],
    ["double", "PATCH"],
  ] as const)(
    "updates the verdict on a follow-up paste (%s engine: %s)",
    async (engine, method) => {
      h = await startHarness({ engine });
      const { fake } = h;
      const { threadId } = fake.forumPost(fake.world.alice, "Gemini 429", GEMINI_429);
      await fullReply(h, threadId);
      await h.bot.idle();
      const first = fake.botMessages(threadId)[0] as FakeMessage;
      const mark = fake.requests.length;

      fake.say(threadId, fake.world.alice, VERSION_FOLLOW_UP);
      const update = await fake.waitFor(
        () => fake.writesTo(threadId, mark).find((w) => w.body.content?.includes("What changed")),
        "the updated verdict",
      );
      expect(update.method).toBe(method);
      if (method === "PATCH")
        expect(update.path).toBe(`/channels/${threadId}/messages/${first.id}`);
      expect(update.body.content).toContain("answered: The tool and its version");
      expect(update.body.allowed_mentions).toEqual(NO_PINGS);
    },
  );

  it("hands an edit of a message in its thread to the engine as an edit", async () => {
    h = await startHarness();
    const { fake, conversation } = h;
    const { threadId, message } = fake.forumPost(fake.world.alice, "Gemini 429", GEMINI_429);
    await fullReply(h, threadId);
    await h.bot.idle();
    fake.edit(message.id, `${GEMINI_429}\n\n${VERSION_FOLLOW_UP}`);
    const edit = await fake.waitFor(
      () => conversation.events.find((e) => e.kind === "edit"),
      "the edit reaching the engine",
    );
    expect(edit.messageId).toBe(message.id);
    expect(edit.eventId).toMatch(new RegExp(`^${message.id}@\\d+$`));
    expect(edit.text).toContain("OpenClaw 2026.9.6");
  });

  it("reads an attached trace, and a gzipped one", async () => {
    h = await startHarness();
    const { fake, conversation } = h;
    const plain = fake.forumPost(fake.world.alice, "agent keeps failing", "trace attached", [
      { name: "cache-trace.jsonl", body: Buffer.from(trace) },
    ]);
    const post = await firstPost(h, plain.threadId);
    expect(post.body.content).toContain("RESOURCE_EXHAUSTED");
    expect(conversation.events[0]?.attachments[0]).toMatchObject({ name: "cache-trace.jsonl" });
    expect(conversation.events[0]?.attachments[0]?.content).toBe(trace);

    const gz = fake.forumPost(fake.world.bob, "same here", "zipped", [
      { name: "trace.jsonl.gz", body: gzipSync(trace) },
    ]);
    const gzPost = await firstPost(h, gz.threadId);
    expect(gzPost.body.content).toContain("RESOURCE_EXHAUSTED");
    expect(conversation.events[1]?.attachments[0]?.content).toBe(trace);
  });

  it("says when an attachment was too large and triages the part read", async () => {
    h = await startHarness({ config: { maxAttachmentBytes: 20_000 } });
    const { fake } = h;
    const { threadId } = fake.forumPost(fake.world.alice, "huge trace", "see file", [
      { name: "cache-trace.jsonl", body: Buffer.from(trace) },
    ]);
    const text = await fullReply(h, threadId);
    expect(text).toContain("Only the first 20.0 kB of `cache-trace.jsonl`");
    expect(text).toContain("RESOURCE_EXHAUSTED");
  });

  it("keeps a pasted @everyone inert: every call says allowed_mentions parse []", async () => {
    h = await startHarness();
    const { fake } = h;
    const { threadId } = fake.forumPost(fake.world.alice, "429 help", PING_429);
    const post = await firstPost(h, threadId);
    expect(post.body.content).toContain("@everyone");
    const writes = fake.requests.filter(
      (r) =>
        /\/messages(\/\d+)?$|\/webhooks\//.test(r.path) &&
        r.method !== "GET" &&
        r.method !== "DELETE",
    );
    expect(writes.length).toBeGreaterThan(0);
    for (const w of writes) {
      expect(w.body.allowed_mentions.parse).toEqual([]);
      expect(w.body.allowed_mentions.users ?? []).toEqual([]);
      expect(w.body.allowed_mentions.roles ?? []).toEqual([]);
    }
  });

  it("opens a thread on a rate-limit question in a watched text channel", async () => {
    h = await startHarness();
    const { fake } = h;
    const question = fake.say(fake.world.text.id, fake.world.bob, GEMINI_429);
    const opened = await fake.waitFor(
      () => fake.calls("POST", /\/threads$/)[0],
      "a thread opened on the question",
    );
    expect(opened.path).toBe(`/channels/${fake.world.text.id}/messages/${question.id}/threads`);
    expect(opened.body.name).toBe("Gemini keeps failing in OpenClaw:");
    const post = await firstPost(h, question.id);
    expect(post.body.content).toContain("RESOURCE_EXHAUSTED");
  });

  it("ignores channels it does not watch unless mentioned", async () => {
    h = await startHarness();
    const { fake, conversation } = h;
    fake.say(fake.world.other.id, fake.world.bob, GEMINI_429);
    fake.say(fake.world.text.id, fake.world.bob, "anyone around? my build is slow");
    const asked = fake.say(
      fake.world.other.id,
      fake.world.alice,
      `<@${fake.world.bot.id}> ${GEMINI_429}`,
    );
    await firstPost(h, asked.id);
    expect(fake.calls("POST", /\/threads$/).map((r) => r.path)).toEqual([
      `/channels/${fake.world.other.id}/messages/${asked.id}/threads`,
    ]);
    expect(conversation.events).toHaveLength(1);
    expect(conversation.events[0]).toMatchObject({ mentionsBot: true });
    expect(conversation.events[0]?.text.startsWith("Gemini keeps failing")).toBe(true);
  });
});
