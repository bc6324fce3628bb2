import { afterEach, describe, expect, it } from "vitest";
import type { Action } from "../../src/conversation/port.js";
import { createIncidentTracker } from "../../src/github/incident-tracker.js";
import { type FakeGitHub, startFakeGitHub } from "../fakes/github/fake-github.js";
import { Harness, notices } from "./support/harness.js";
import { MINUTE, person, reportIn } from "./support/reporters.js";

// OpenClaw shows "fetch failed" where Gemini's 429 should be: a known issue of the tool.
const FETCH_FAILED =
  'openclaw 2026.2.24 with gemini-2.5-flash: every request ends in "fetch failed", the gateway log has 429 RESOURCE_EXHAUSTED';

describe("the incident's tracker issue and the loop back from its fix", () => {
  let h: Harness;
  let github: FakeGitHub;
  afterEach(async () => {
    await h.close();
    await github.close();
  });

  async function start() {
    github = await startFakeGitHub();
    const tracker = createIncidentTracker(
      { token: github.token, repo: "openclaw/openclaw", apiUrl: github.url },
      { retryAfterBaseMs: 1, spacing: false },
    );
    h = new Harness({ nudgeAfterHours: 24 }, undefined, (store) => ({
      store: store.incidents(),
      settings: { minReporters: 3 },
      tracker,
      issueWatch: store.issueWatch(),
      issuePollMs: 60_000,
    }));
  }

  const report = (n: number): Promise<Action[]> =>
    reportIn(h, n, FETCH_FAILED, `fetch failed (${n})`, 2);

  it("files one issue for the cluster, updates it as threads join, and brings the fix to every thread once", async () => {
    await start();
    for (let n = 1; n <= 3; n++) await report(n);
    const repo = github.repo("openclaw/openclaw");
    expect(repo.issues).toHaveLength(1);
    const issue = repo.issues[0];
    expect(issue?.title).toMatch(/^Many users at once: google gemini-2\.5-flash/);
    for (const n of [1, 2, 3]) expect(issue?.body).toContain(`fetch failed (${n}) · console:${n}`);
    expect(issue?.body).toContain(
      "openclaw-gemini-429-shown-as-fetch-failed".length > 0 ? "Matches known issue" : "",
    );
    const notes = notices(await report(4), "incident");
    expect(notes[0]?.text).toContain(`Tracked in ${github.url}/openclaw/openclaw/issues/1`);
    expect(repo.issues).toHaveLength(1);
    expect(repo.comments.map((c) => c.body)).toEqual([
      "Now 4 reporters in 4 threads. New: fetch failed (4) · console:4",
    ]);

    // A restart, then the same signature again: still the one issue.
    await h.restart();
    await report(5);
    expect(repo.issues).toHaveLength(1);

    // Open: nothing moves. Closed as fixed, with the release named: one note per thread.
    h.now += MINUTE;
    expect(notices(await h.tick(), "fixed")).toHaveLength(0);
    repo.addComment(repo.issues[0] as never, "Fixed in 2026.3.2, thanks all", new Date(h.now), 99);
    repo.close(1, new Date(h.now));
    h.now += 2 * MINUTE;
    const fixed = notices(await h.tick(), "fixed");
    expect(fixed.map((a) => a.threadKey).sort()).toEqual([
      "console:1",
      "console:2",
      "console:3",
      "console:4",
      "console:5",
    ]);
    expect(fixed[0]?.text).toContain("it ships in **2026.3.2**");
    expect(fixed[0]?.text).toContain("reply `solved`");
    expect(await h.state()).toBe("diagnosed");
    h.now += 2 * MINUTE;
    expect(notices(await h.tick(), "fixed")).toHaveLength(0);
    await h.restart();
    h.now += 2 * MINUTE;
    expect(notices(await h.tick(), "fixed")).toHaveLength(0);
    // The thread waits on its reporter now: "solved" closes it.
    h.threadKey = "console:5";
    await h.say(person(5), "solved, 2026.3.2 works");
    expect(await h.state()).toBe("solved");
  });
});
