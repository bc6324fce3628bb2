import { afterEach, describe, expect, it } from "vitest";
import { createIncidentTracker } from "../../src/github/incident-tracker.js";
import { type FakeGitHub, startFakeGitHub } from "../fakes/github/fake-github.js";
import { textOf } from "../fakes/slack/blocks.js";
import { eventually } from "../fakes/slack/eventually.js";
import {
  type SlackHarness,
  STAFF,
  STAFF_CHANNEL,
  SUPPORT,
  startSlackHarness,
  USER,
} from "../fakes/slack/harness.js";
import { eventEnvelope, messageEvent, slashCommand } from "../fakes/slack/payloads.js";

const EXHAUSTED = `openclaw 2026.2.24 on gemini-2.5-flash keeps failing:
{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}`;
const OTHER_USER = "UUSER0002";
const ROOTS = ["1760000100.000100", "1760000200.000200", "1760000300.000300"];

let h: SlackHarness;
let github: FakeGitHub | undefined;
afterEach(async () => {
  await h.stop();
  await github?.close();
  github = undefined;
});

const notesIn = (root: string) =>
  h.fake
    .callsOf("chat.postMessage")
    .filter((c) => c.params.thread_ts === root && textOf(c.params).includes("not the only one"));

describe("Slack: incidents across threads", () => {
  it("opens at the N-th reporter, notes each thread once, keeps another signature out, answers /incidents", async () => {
    h = await startSlackHarness({
      incidents: (store) => ({ store: store.incidents(), settings: { minReporters: 2 } }),
    });
    h.fake.state.users.set(OTHER_USER, { name: "bea", displayName: "Bea" });
    const post = (user: string, ts: string, text: string) =>
      h.send.event(eventEnvelope(h.fake.state, messageEvent({ channel: SUPPORT, user, ts, text })));

    await post(USER, ROOTS[0] as string, EXHAUSTED);
    await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === ROOTS[0]);
    // A different failure by someone else: a signature of its own, no incident.
    await post(
      OTHER_USER,
      ROOTS[1] as string,
      "Getting this all afternoon: RateLimitError: 429 Rate limit reached for gpt-4o in organization org-FAKE on tokens per min (TPM): Limit 30000, Used 26411, Requested 6230.",
    );
    await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === ROOTS[1]);
    await h.bot.idle();
    expect(notesIn(ROOTS[0] as string)).toHaveLength(0);

    await post(OTHER_USER, ROOTS[2] as string, EXHAUSTED);
    const alert = await h.fake.waitFor(
      "chat.postMessage",
      (c) => c.params.channel === STAFF_CHANNEL && textOf(c.params).includes("Incident opened"),
    );
    expect(textOf(alert.params)).toContain("2 reporters in");
    await eventually(
      () => notesIn(ROOTS[0] as string).length > 0 && notesIn(ROOTS[2] as string).length > 0,
      "a note in both threads",
    );
    await h.bot.idle();
    expect(notesIn(ROOTS[0] as string)).toHaveLength(1);
    expect(notesIn(ROOTS[2] as string)).toHaveLength(1);
    expect(notesIn(ROOTS[1] as string)).toHaveLength(0);

    await h.send.command({
      ...slashCommand(h.fake.state, {
        user: STAFF,
        channel: SUPPORT,
        responseUrl: `${h.fake.url}/respond/inc`,
      }),
      command: "/incidents",
    });
    const answer = await eventually(
      () => h.fake.responses.find((r) => r.id === "inc"),
      "the answer",
    );
    expect(answer.body).toMatchObject({ response_type: "ephemeral" });
    // The list from its structure: a rich-text bullet list, the status in bold.
    expect(String((answer.body as { text: string }).text)).toMatch(
      /^\*open\* google gemini-2\.5-flash/,
    );
    expect(JSON.stringify((answer.body as { blocks: unknown }).blocks)).toContain(
      '{"type":"rich_text_list","style":"bullet","elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"open","style":{"bold":true}},{"type":"text","text":" google gemini-2.5-flash',
    );

    // A third person posts the same text while it lasts: their own reply is the incident's verdict.
    const THIRD_USER = "UUSER0003";
    const LATE_ROOT = "1760000400.000400";
    h.fake.state.users.set(THIRD_USER, { name: "cy", displayName: "Cy" });
    await post(THIRD_USER, LATE_ROOT, EXHAUSTED);
    const late = await h.fake.waitFor(
      "chat.postMessage",
      (c) => c.params.thread_ts === LATE_ROOT && textOf(c.params).includes("Diagnosis"),
    );
    expect(textOf(late.params)).toContain("provider-side change or incident");
    expect(textOf(late.params)).toContain("Many people are hitting the same failure right now");
    expect(textOf(late.params)).toContain("class `provider_incident`");
  });

  it("files one tracker issue when staff ask with /incidents track, and refuses everyone else", async () => {
    const gh = await startFakeGitHub();
    github = gh;
    const tracker = createIncidentTracker(
      { token: gh.token, repo: "openclaw/openclaw", apiUrl: gh.url },
      { retryAfterBaseMs: 1, spacing: false },
    );
    h = await startSlackHarness({
      incidents: (store) => ({
        store: store.incidents(),
        settings: { minReporters: 2 },
        tracker,
        issueWatch: store.issueWatch(),
      }),
    });
    h.fake.state.users.set(OTHER_USER, { name: "bea", displayName: "Bea" });
    const post = (user: string, ts: string, text: string) =>
      h.send.event(eventEnvelope(h.fake.state, messageEvent({ channel: SUPPORT, user, ts, text })));
    await post(USER, ROOTS[0] as string, EXHAUSTED);
    await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === ROOTS[0]);
    await post(OTHER_USER, ROOTS[1] as string, EXHAUSTED);
    await eventually(() => notesIn(ROOTS[1] as string).length > 0, "the incident's note");
    await h.bot.idle();
    const repo = gh.repo("openclaw/openclaw");
    // Gemini's own capacity, not the tool's: nothing is filed until staff ask.
    expect(repo.issues).toHaveLength(0);

    const ask = async (user: string, id: string, text: string) => {
      await h.send.command({
        ...slashCommand(h.fake.state, {
          user,
          channel: SUPPORT,
          text,
          responseUrl: `${h.fake.url}/respond/${id}`,
        }),
        command: "/incidents",
      });
      const answer = await eventually(() => h.fake.responses.find((r) => r.id === id), id);
      expect(answer.body).toMatchObject({ response_type: "ephemeral" });
      return String((answer.body as { text: string }).text);
    };

    expect(await ask(USER, "refused", "track")).toContain("only staff");
    expect(repo.issues).toHaveLength(0);

    const issueUrl = `${gh.url}/openclaw/openclaw/issues/1`;
    expect(await ask(STAFF, "track", "track")).toContain(`Tracked in ${issueUrl}`);
    expect(repo.issues).toHaveLength(1);
    expect(repo.issues[0]?.title).toMatch(/^Many users at once: google gemini-2\.5-flash/);

    // Asking again (now with the incident's id) finds the same issue; the list shows it.
    const id = /\binc-\d{12}-[0-9a-f]{6}\b/.exec(await ask(STAFF, "list", ""))?.[0];
    expect(id).toBeDefined();
    expect(await ask(STAFF, "again", `track ${id}`)).toContain(`Tracked in ${issueUrl}`);
    expect(repo.issues).toHaveLength(1);
    expect(await ask(STAFF, "unknown", "track inc-000000000000-000000")).toContain(
      "No open incident inc-000000000000-000000",
    );
  });
});
