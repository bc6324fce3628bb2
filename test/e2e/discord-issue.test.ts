import { afterEach, describe, expect, it } from "vitest";
import { webUrlFor } from "../../src/github/repo-ref.js";
import { createIssueFiler } from "../../src/github/setup.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { type Harness, startHarness } from "../fakes/discord/bot-harness.js";
import { GEMINI_429 } from "../fakes/discord/pastes.js";
import type { FakeMessage } from "../fakes/discord/world.js";
import { type FakeGitHub, startFakeGitHub } from "../fakes/github/fake-github.js";

const ISSUES = "/repos/openclaw/openclaw/issues";
const EPHEMERAL = 64;

let h: Harness | undefined;
let gh: FakeGitHub | undefined;
afterEach(async () => {
  await h?.close();
  await gh?.close();
  h = undefined;
  gh = undefined;
});

/** The real adapter and engine, with issue filing against the fake GitHub on 127.0.0.1. */
async function start(): Promise<{ harness: Harness; github: FakeGitHub }> {
  const github = await startFakeGitHub({ secondMs: 100 });
  gh = github;
  const kb = loadKnowledge();
  const harness = await startHarness({
    issues: (store) => ({
      webUrl: webUrlFor(github.url),
      filer: createIssueFiler(
        { token: github.token, repo: "openclaw/openclaw", apiUrl: github.url },
        kb,
        {
          ledger: store.issueLedger(),
          client: { spacing: false, retryAfterBaseMs: 100, throttleId: `discord-${Math.random()}` },
        },
      ),
    }),
  });
  h = harness;
  return { harness, github };
}

/** Waits for the deferred answer to an interaction to be filled in. */
function answered(harness: Harness, token: string) {
  const { fake } = harness;
  return fake.waitFor(
    () =>
      fake
        .interactionCalls(token)
        .find((r) => r.method === "PATCH" && r.path.endsWith("@original")),
    `the answer to ${token}`,
  );
}

describe("Discord: filing the /issue preview from its buttons", () => {
  it("staff click File issue: one issue on GitHub, its link to the clicker alone", async () => {
    const { harness, github } = await start();
    const { fake } = harness;
    const { threadId } = fake.forumPost(fake.world.alice, "Gemini 429", GEMINI_429);
    await fake.waitFor(
      () => fake.botMessages(threadId).find((m) => (m.components as unknown[]).length > 0),
      "the triage reply",
    );
    await harness.bot.idle();

    // /issue from staff: a private preview (in parts: the link is long), buttons under its last part.
    const slash = fake.slash(fake.world.sam, threadId, "issue");
    expect((await answered(harness, slash.token)).body.content).toContain(
      "Draft issue for openclaw/openclaw",
    );
    const preview = await fake.waitFor(
      () => fake.interactionCalls(slash.token).find((r) => r.body?.components?.length > 0),
      "the preview's buttons",
    );
    const followUps = fake.interactionCalls(slash.token).filter((r) => r.method === "POST");
    expect(followUps.at(-1)).toBe(preview);
    expect(preview.body.flags).toBe(EPHEMERAL);
    const buttons = preview.body.components.flatMap(
      (row: { components: Array<{ custom_id?: string; label: string }> }) => row.components,
    );
    expect(buttons.map((b: { label: string }) => b.label)).toContain("File issue");
    const create = buttons.find((b: { label: string }) => b.label === "File issue");
    expect(create.custom_id).toBe(`rt:issue-create:${threadId}`);
    expect(github.requestsTo("POST", ISSUES)).toHaveLength(0);

    const message: FakeMessage = {
      ...(fake.botMessages(threadId)[0] as FakeMessage),
      id: fake.world.ids.next(),
      content: preview.body.content,
      components: preview.body.components,
      flags: EPHEMERAL,
    };
    const click = fake.click(fake.world.sam, message, create.custom_id);
    const deferred = await fake.waitFor(
      () => fake.interactionCalls(click.token).find((r) => r.path.endsWith("/callback")),
      "the click's deferral",
    );
    expect(deferred.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    const filed = await answered(harness, click.token);
    const posts = github.requestsTo("POST", ISSUES);
    expect(posts).toHaveLength(1);
    const issue = github.repo("openclaw/openclaw").issues[0];
    expect(issue).toBeDefined();
    expect(filed.body.content).toMatch(/Filed as \[#\d+\]\(/);
    expect(filed.body.content).toContain(`${github.url}/openclaw/openclaw/issues/${issue?.number}`);
    expect(filed.body.components ?? []).toEqual([]);
    expect(harness.conversation.commands.at(-1)).toMatchObject({
      name: "issue_confirm",
      threadKey: `discord:${threadId}`,
      argument: "create",
    });
    // Nothing about it went into the thread: the answer is the clicker's alone.
    expect(fake.botMessages(threadId).some((m) => m.content.includes("Filed as"))).toBe(false);

    // A second click files nothing new; someone who is neither staff nor the reporter is refused.
    const again = fake.click(fake.world.sam, message, create.custom_id);
    expect((await answered(harness, again.token)).body.content).toContain("Already done before");
    const bob = fake.click(fake.world.bob, message, create.custom_id);
    expect((await answered(harness, bob.token)).body.content).toMatch(
      /^Only the person who opened the thread/,
    );
    expect(github.requestsTo("POST", ISSUES)).toHaveLength(1);
  });

  it("a preview for someone who may not file carries no buttons", async () => {
    const { harness } = await start();
    const { fake } = harness;
    const { threadId } = fake.forumPost(fake.world.alice, "Gemini 429", GEMINI_429);
    await fake.waitFor(() => fake.botMessages(threadId).length > 0, "the triage reply");
    await harness.bot.idle();
    const slash = fake.slash(fake.world.bob, threadId, "issue");
    const preview = await answered(harness, slash.token);
    expect(preview.body.content).toContain("Draft issue for openclaw/openclaw");
    await harness.bot.idle();
    const calls = fake.interactionCalls(slash.token).filter((r) => !r.path.endsWith("/callback"));
    expect(calls.length).toBeGreaterThan(1);
    for (const call of calls.slice(1)) expect(call.body.components ?? []).toEqual([]);
  });
});
