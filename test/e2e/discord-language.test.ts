import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../fakes/discord/bot-harness.js";
import { GEMINI_429 } from "../fakes/discord/pastes.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The whole reply in a thread once its last part (the one with buttons) is posted. */
async function fullReply(harness: Harness, channelId: string): Promise<string> {
  const { fake } = harness;
  const parts = await fake.waitFor(() => {
    const all = fake.calls("POST", new RegExp(`^/channels/${channelId}/messages$`));
    return all.at(-1)?.body.components.length ? all : null;
  }, "the whole reply");
  return parts.map((p) => p.body.content).join("\n");
}

const GERMAN = "**Um es einzugrenzen, füge bitte all das in einer Antwort ein:**";
const SPANISH = "**Para concretarlo, pega todo esto en una sola respuesta:**";
const ENGLISH = "**To pin it down, please paste all of these in one reply:**";

describe("REPLY_LANGUAGE per channel on Discord", () => {
  it("a forum's language applies to its posts, though a thread's key names only the thread", async () => {
    h = await startHarness({
      policy: (fake) => ({
        replyLanguages: { all: null, byChannel: { [fake.world.forum.id]: "de" } },
      }),
    });
    const { fake, conversation } = h;
    const forum = fake.world.forum.id;
    const { threadId } = fake.forumPost(fake.world.alice, "Gemini 429", GEMINI_429);
    const reply = await fullReply(h, threadId);
    expect(reply).toContain(GERMAN);
    expect(reply).not.toContain(ENGLISH);
    // Commands and the provider's error stay verbatim.
    expect(reply).toContain("openclaw --version");
    expect(reply).toContain("RESOURCE_EXHAUSTED");
    expect(conversation.events[0]).toMatchObject({
      threadKey: `discord:${threadId}`,
      channelId: forum,
    });
    const stored = await h.store?.loadThread(`discord:${threadId}`);
    expect(stored?.thread.channel).toBe(forum);
    // Around the text too: the verdict embed and the buttons speak German.
    const posts = fake.calls("POST", new RegExp(`^/channels/${threadId}/messages$`));
    const embed = posts[0]?.body.embeds[0];
    expect(embed.title).toMatch(/^(Diagnose: |Noch nicht entschieden)/);
    expect(embed.fields.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(["Klasse", "Anbieter", "Modell", "Sicherheit"]),
    );
    const buttons = posts
      .at(-1)
      ?.body.components[0].components.map((b: { label: string }) => b.label);
    expect(buttons).toEqual([
      "Details einfügen",
      "An einen Menschen übergeben",
      "Als gelöst markieren",
      "GitHub-Issue entwerfen",
    ]);
  });

  it("a text channel's language applies to the thread opened on a question there; other channels keep the thread's own", async () => {
    h = await startHarness({
      policy: (fake) => ({
        replyLanguages: { all: null, byChannel: { [fake.world.text.id]: "es" } },
      }),
    });
    const { fake, conversation } = h;
    const question = fake.say(fake.world.text.id, fake.world.bob, GEMINI_429);
    const spanish = await fullReply(h, question.id);
    expect(spanish).toContain(SPANISH);
    expect(spanish).toContain("openclaw --version");
    expect(conversation.events[0]).toMatchObject({ channelId: fake.world.text.id });

    const { threadId } = fake.forumPost(fake.world.alice, "Gemini 429", GEMINI_429);
    const english = await fullReply(h, threadId);
    expect(english).toContain(ENGLISH);
    const last = fake.calls("POST", new RegExp(`^/channels/${threadId}/messages$`)).at(-1);
    expect(last?.body.components[0].components[0].label).toBe("Paste details");
  });
});
