import { afterEach, describe, expect, it } from "vitest";
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
afterEach(async () => h.stop());

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
    expect(String((answer.body as { text: string }).text)).toMatch(
      /^• \*open\* google gemini-2\.5-flash/,
    );
  });
});
