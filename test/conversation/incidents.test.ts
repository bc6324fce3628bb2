import { afterEach, describe, expect, it } from "vitest";
import { providerStatusLine } from "../../src/conversation/incidents/provider-status.js";
import type { Action } from "../../src/conversation/port.js";
import { StatusPoller } from "../../src/net/status-poller.js";
import { startFakeStatusPage } from "../fakes/status-page/fake-status-page.js";
import { Harness, kb, notices, ofType } from "./support/harness.js";
import { MINUTE, person, reportIn } from "./support/reporters.js";

const EXHAUSTED =
  'HTTP 429 {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}';
const GEMINI = `openclaw 2026.2.24 with gemini-2.5-flash: ${EXHAUSTED} and I'm at 10% of my quota`;
const OPENAI =
  'openclaw 2026.2.24 with gpt-4o: Error code: 429 - {"error": {"message": "Rate limit reached for gpt-4o in organization org-abc on requests per min (RPM): Limit 500, Used 500, Requested 1.", "type": "requests", "code": "rate_limit_exceeded"}}';

describe("incidents across threads", () => {
  let h: Harness;
  afterEach(async () => h.close());

  /** A new thread by a new person, three minutes after the last one. */
  const report = (n: number, text = GEMINI): Promise<Action[]> =>
    reportIn(h, n, text, `429 again (${n})`, 3);

  function start(settings = {}) {
    h = new Harness({}, undefined, (store) => ({ store: store.incidents(), settings }));
  }

  it("opens at the N-th reporter, not before, and notes every matching thread once", async () => {
    start();
    for (let n = 1; n <= 4; n++) {
      const actions = await report(n);
      expect(notices(actions, "incident")).toHaveLength(0);
      expect(ofType(actions, "staff_alert")).toHaveLength(0);
    }
    const fifth = await report(5);
    const notes = notices(fifth, "incident");
    expect(notes.map((a) => a.threadKey).sort()).toEqual(
      ["console:1", "console:2", "console:3", "console:4", "console:5"].sort(),
    );
    expect(notes[0]?.text).toContain("5 people have reported the same failure");
    expect(notes[0]?.text).toContain("not your quota");
    expect(notes.every((n) => n.mention === undefined)).toBe(true);
    const alerts = ofType(fifth, "staff_alert");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.text).toMatch(/Incident opened.*\n5 reporters in 12 min; usual: 0\.0\/h/);
    expect(alerts[0]?.text).toContain("429 again (3) · console:3");

    // A sixth thread joins while it lasts: one note, in its own thread only.
    const sixth = await report(6);
    expect(notices(sixth, "incident").map((a) => a.threadKey)).toEqual(["console:6"]);
    expect(notices(sixth, "incident")[0]?.text).toContain("6 people");
    expect(ofType(sixth, "staff_alert")).toHaveLength(0);

    // More messages in a noted thread bring no second note.
    h.threadKey = "console:2";
    h.now += MINUTE;
    expect(notices(await h.say(person(2), `still failing: ${EXHAUSTED}`), "incident")).toHaveLength(
      0,
    );
  });

  it("each thread reads the note in its own language", async () => {
    start();
    const SPANISH = `openclaw 2026.2.24 con gemini-2.5-flash: ${EXHAUSTED} y estoy al 10% de mi cuota, no entiendo por qué falla todo el tiempo`;
    const GERMAN = `openclaw 2026.2.24 mit gemini-2.5-flash: ${EXHAUSTED} und ich bin erst bei 10% von meinem Kontingent, ich verstehe nicht, warum das die ganze Zeit nicht geht`;
    await report(1, SPANISH);
    await report(2, GERMAN);
    for (let n = 3; n <= 4; n++) await report(n);
    const notes = notices(await report(5), "incident");
    const note = (key: string) => notes.find((a) => a.threadKey === key)?.text ?? "";
    expect(note("console:1")).toContain("📣 **No eres el único.** 5 personas");
    expect(note("console:2")).toContain("📣 **Du bist nicht der Einzige.** 5 Personen");
    expect(note("console:3")).toContain("📣 **You're not the only one.** 5 people");
    // The failure's signature is quoted as it is, in every language.
    const signature = /\(([^)]*gemini[^)]*)\)/.exec(note("console:3"))?.[1] ?? "missing";
    expect(note("console:1")).toContain(signature);
    expect(note("console:2")).toContain(signature);
  });

  it("keeps a second signature out of the incident", async () => {
    start();
    for (let n = 1; n <= 5; n++) await report(n);
    const other = await report(7, OPENAI);
    expect(notices(other, "incident")).toHaveLength(0);
    const rows = h.query<{ n: number }>(
      "SELECT count(*) AS n FROM incident_threads WHERE thread_key = 'console:7'",
    );
    expect(rows[0]?.n).toBe(0);
    // It did leave a hit, on a signature of its own.
    const keys = h.query<{ signature_key: string }>(
      "SELECT DISTINCT signature_key FROM signature_hits ORDER BY signature_key",
    );
    expect(keys).toHaveLength(2);
    expect(keys.map((k) => k.signature_key.split("|")[0])).toEqual(["google", "openai"]);
  });

  it("closes after the quiet period with one staff alert listing the threads", async () => {
    start({ quietMinutes: 60 });
    for (let n = 1; n <= 5; n++) await report(n);
    h.now += 59 * MINUTE;
    expect(ofType(await h.tick(), "staff_alert")).toHaveLength(0);
    h.now += MINUTE;
    const ended = ofType(await h.tick(), "staff_alert");
    expect(ended).toHaveLength(1);
    expect(ended[0]?.text).toContain("Incident ended");
    expect(ended[0]?.text).toContain("5 reporters, 5 threads");
    expect(ofType(await h.tick(), "staff_alert")).toHaveLength(0);
    // After the end, the same signature starts from scratch: one more report opens nothing.
    expect(notices(await report(9), "incident")).toHaveLength(0);
    expect((await h.port.incidents?.())?.text).toMatch(/^- \*\*ended\*\* google gemini-2\.5-flash/);
  });

  it("notes each thread once across a restart, and the incident survives it", async () => {
    start();
    for (let n = 1; n <= 5; n++) await report(n);
    await h.restart();
    // The same event again (a redelivery after the restart) adds nothing.
    const again = await h.port.receive({
      ...h.event(person(5), GEMINI),
      messageId: "m5",
      eventId: "console:5:m5",
    });
    expect(notices(again, "incident")).toHaveLength(0);
    const sixth = await report(6);
    expect(notices(sixth, "incident").map((a) => a.threadKey)).toEqual(["console:6"]);
    const stored = h.query<{ n: number }>(
      "SELECT count(*) AS n FROM actions WHERE reason = 'incident'",
    );
    expect(stored[0]?.n).toBe(6);
    expect((await h.port.incidents?.())?.text).toMatch(/\*\*open\*\*.*6 reporters/);
  });

  it("says what the provider's status page shows, and when it shows nothing yet", async () => {
    const page = await startFakeStatusPage();
    try {
      const poller = new StatusPoller({
        feeds: [{ provider: "google", kind: "statuspage", url: page.url }],
        intervalMs: 60_000,
        now: () => new Date(h.now),
        request: { retries: 0 },
      });
      h = new Harness({}, undefined, (store) => ({
        store: store.incidents(),
        providerStatus: (incident) =>
          providerStatusLine(kb, incident, poller.status(incident.signature.provider)),
      }));
      await poller.pollDue();
      for (let n = 1; n <= 5; n++) await report(n);
      const opened = ofType(await report(6), "notice");
      expect(opened[0]?.text).toContain(
        "Google Gemini API (AI Studio)'s status page shows no incident yet: the community is seeing this before the page does.",
      );
      page.setIncidents([{ name: "Elevated 429s on Gemini 2.5 Flash", status: "investigating" }]);
      h.now += 60_000;
      await poller.pollDue();
      const later = notices(await report(7), "incident");
      expect(later[0]?.text).toContain(
        "shows an open incident: “Elevated 429s on Gemini 2.5 Flash” (investigating, major impact) https://stspg.io/fake0.",
      );
    } finally {
      await page.close();
    }
  });

  it("reads a thread's verdict against its provider's status page, and lets go when the page clears", async () => {
    const page = await startFakeStatusPage();
    try {
      const poller = new StatusPoller({
        feeds: [{ provider: "google", kind: "statuspage", url: page.url }],
        intervalMs: 60_000,
        now: () => new Date(h.now),
        request: { retries: 0 },
      });
      h = new Harness({}, undefined, (store) => ({
        store: store.incidents(),
        providerIncidents: () => poller.openIncidents(),
      }));
      const replyTo = async (n: number) =>
        ofType(await report(n), "reply")[0]?.report?.errorClass ?? "no reply";
      await poller.pollDue();
      expect(await replyTo(1)).toBe("unknown");

      page.setIncidents([{ name: "Elevated 429s on Gemini 2.5 Flash", status: "investigating" }]);
      h.now += 60_000;
      await poller.pollDue();
      const during = ofType(await report(2), "reply")[0];
      expect(during?.report?.errorClass).toBe("provider_incident");
      expect(during?.report?.underlyingClass).toBe("unknown");
      expect(during?.report?.incident?.source).toBe("status_page");
      expect(during?.text).toContain(
        "📣 Google Gemini API (AI Studio)'s status page: “Elevated 429s on Gemini 2.5 Flash” (investigating).",
      );
      // Another provider's thread is not touched by Google's page.
      h.threadKey = "console:openai";
      h.now += 60_000;
      const openai = ofType(await h.say(person(9), OPENAI, { title: "gpt-4o" }), "reply")[0];
      expect(openai?.report?.provider).toBe("openai");
      expect(openai?.report?.errorClass).not.toBe("provider_incident");
      expect(openai?.report?.incident).toBeUndefined();

      page.setIncidents([]);
      h.now += 60_000;
      await poller.pollDue();
      expect(await replyTo(3)).toBe("unknown");
    } finally {
      await page.close();
    }
  });
});
