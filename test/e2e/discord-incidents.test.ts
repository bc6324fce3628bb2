import { afterEach, describe, expect, it } from "vitest";
import { createIncidentTracker } from "../../src/github/incident-tracker.js";
import { type Harness, startHarness } from "../fakes/discord/bot-harness.js";
import { type FakeGitHub, startFakeGitHub } from "../fakes/github/fake-github.js";

const EXHAUSTED = `openclaw 2026.2.24 on gemini-2.5-flash keeps failing:
{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}`;

let h: Harness | undefined;
let github: FakeGitHub | undefined;
afterEach(async () => {
  await h?.close();
  await github?.close();
  h = undefined;
  github = undefined;
});

const hasNote = (h: Harness, threadId: string) =>
  h.fake.botMessages(threadId).some((m) => String(m.content).includes("You're not the only one"));

describe("Discord: incidents across forum posts", () => {
  it("notes every matching post once at the N-th reporter, alerts staff, and lists it for /incidents", async () => {
    h = await startHarness({
      incidents: (store) => ({ store: store.incidents(), settings: { minReporters: 2 } }),
    });
    const { fake } = h;
    const first = fake.forumPost(fake.world.alice, "Gemini down?", EXHAUSTED).threadId;
    await fake.waitFor(() => fake.botMessages(first).length > 0, "the first reply");
    await h.bot.idle();
    expect(hasNote(h, first)).toBe(false);
    expect(fake.botMessages(fake.world.staff.id)).toHaveLength(0);

    const second = fake.forumPost(fake.world.bob, "429 on gemini", EXHAUSTED).threadId;
    await fake.waitFor(
      () => hasNote(h as Harness, first) && hasNote(h as Harness, second),
      "the notes",
    );
    const alert = await fake.waitFor(
      () =>
        fake
          .botMessages(fake.world.staff.id)
          .find((m) => String(m.content).includes("Incident opened")),
      "the staff alert",
    );
    expect(String(alert.content)).toContain("2 reporters in");
    expect(String(alert.content)).toContain(
      `- Gemini down? · https://discord.com/channels/${fake.world.guildId}/${first}`,
    );
    await h.bot.idle();
    // One note per post, and nobody pinged by it.
    for (const id of [first, second]) {
      const notes = fake
        .botMessages(id)
        .filter((m) => String(m.content).includes("not the only one"));
      expect(notes).toHaveLength(1);
    }
    const noteWrites = fake
      .calls("POST", /\/messages$/)
      .filter((r) => String(r.body.content ?? "").includes("not the only one"));
    expect(
      noteWrites.every((r) => JSON.stringify(r.body.allowed_mentions) === '{"parse":[]}'),
    ).toBe(true);

    const list = fake.slash(fake.world.sam, fake.world.text.id, "incidents");
    const answer = await fake.waitFor(
      () =>
        fake
          .interactionCalls(list.token)
          .find((r) => r.method === "PATCH" && r.path.endsWith("@original")),
      "the /incidents answer",
    );
    expect(String(answer.body.content)).toMatch(/^- \*\*open\*\* google gemini-2\.5-flash/);
    expect(String(answer.body.content)).toContain("2 threads");
  });

  it("files one tracker issue when staff ask with /incidents action:track, and refuses everyone else", async () => {
    const gh = await startFakeGitHub();
    github = gh;
    const tracker = createIncidentTracker(
      { token: gh.token, repo: "openclaw/openclaw", apiUrl: gh.url },
      { retryAfterBaseMs: 1, spacing: false },
    );
    const harness = await startHarness({
      incidents: (store) => ({
        store: store.incidents(),
        settings: { minReporters: 2 },
        tracker,
        issueWatch: store.issueWatch(),
      }),
    });
    h = harness;
    const { fake } = harness;
    const first = fake.forumPost(fake.world.alice, "Gemini down?", EXHAUSTED).threadId;
    await fake.waitFor(() => fake.botMessages(first).length > 0, "the first reply");
    const second = fake.forumPost(fake.world.bob, "429 on gemini", EXHAUSTED).threadId;
    await fake.waitFor(() => hasNote(harness, second), "the incident's note");
    await harness.bot.idle();
    const repo = gh.repo("openclaw/openclaw");
    // Gemini's own capacity, not the tool's: nothing is filed until staff ask.
    expect(repo.issues).toHaveLength(0);

    /** What the bot answered the asker: an immediate reply, or the edit of a deferred one. */
    const answerOf = async (token: string): Promise<string> => {
      const answer = await fake.waitFor(
        () =>
          fake
            .interactionCalls(token)
            .find(
              (r) =>
                (r.method === "PATCH" && r.path.endsWith("@original")) ||
                (r.path.endsWith("/callback") && r.body.type === 4),
            ),
        "the answer",
      );
      const data = answer.body.data as { content?: string } | undefined;
      return String(answer.body.content ?? data?.content);
    };

    const refused = fake.slash(fake.world.alice, fake.world.text.id, "incidents", {
      action: "track",
    });
    expect(await answerOf(refused.token)).toContain("only staff");
    expect(repo.issues).toHaveLength(0);

    const asked = fake.slash(fake.world.sam, fake.world.text.id, "incidents", { action: "track" });
    const issueUrl = `${gh.url}/openclaw/openclaw/issues/1`;
    expect(await answerOf(asked.token)).toBe(`Tracked in ${issueUrl}`);
    expect(repo.issues).toHaveLength(1);
    expect(repo.issues[0]?.title).toMatch(/^Many users at once: google gemini-2\.5-flash/);
    expect(repo.issues[0]?.body).toContain(
      `Gemini down? · https://discord.com/channels/${fake.world.guildId}/${first}`,
    );

    // Asking again finds the same issue; the list shows it.
    const again = fake.slash(fake.world.sam, fake.world.text.id, "incidents", { action: "track" });
    expect(await answerOf(again.token)).toBe(`Tracked in ${issueUrl}`);
    expect(repo.issues).toHaveLength(1);
    const list = fake.slash(fake.world.sam, fake.world.text.id, "incidents");
    expect(await answerOf(list.token)).toContain(issueUrl);
  });
});
