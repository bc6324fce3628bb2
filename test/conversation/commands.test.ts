import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderHandoffCard } from "../../src/render/markdown/handoff-card.js";
import { alice, conversationFixture, Harness, kb, ofType, sam, texts } from "./support/harness.js";

describe("commands", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });
  afterEach(() => h.close());

  it("on a thread that does not exist: a private hint, nothing stored", async () => {
    const actions = await h.command(alice, "card");
    expect(ofType(actions, "ephemeral")[0]?.text).toContain("no conversation in this thread yet");
    expect(h.query("SELECT * FROM events")).toEqual([]);
  });

  it("/card shows the staff card privately, in Markdown", async () => {
    await h.say(alice, "Getting 429s from Gemini, openclaw --version: 2026.2.24", {
      title: "Gemini 429 on free tier",
    });
    await h.say(alice, conversationFixture("gemini-per-day-error.txt"));
    const [shown] = ofType(await h.command(sam, "card"), "ephemeral");
    expect(shown?.userId).toBe("u-sam");
    expect(shown?.card?.title).toBe("Gemini 429 on free tier");
    const text = shown?.text ?? "";
    expect(text).toContain("### 🙋 Handoff: Gemini 429 on free tier");
    expect(text).toContain(
      "- Diagnosis: **requests-per-day quota** · Google Gemini API (AI Studio) · `gemini-2.5-flash`",
    );
    expect(text).toContain(
      "**Evidence**\n- HTTP 429 · RESOURCE_EXHAUSTED · GenerateRequestsPerDayPerProjectPerModel-FreeTier (message 2)",
    );
    expect(text).toContain(
      "- The raw provider error: asked 2026-05-01 12:00 UTC, answered 2026-05-01 12:00 UTC",
    );
    if (!shown?.card) throw new Error("no card");
    expect(text).toBe(renderHandoffCard(shown.card, kb));
    expect(await h.state()).toBe("diagnosed");
  });

  it("/handoff by command posts the card; /triage repeats every question in full", async () => {
    await h.say(alice, "Getting 429 rate limit errors from Gemini in openclaw, help");
    await h.say(alice, "openclaw --version: 2026.2.24");
    const full = texts(await h.command(alice, "triage"));
    expect(full).toContain("OPENCLAW_CACHE_TRACE=1");
    expect(full).not.toContain("Still needed");
    const handed = await h.command(alice, "handoff");
    expect(ofType(handed, "handoff_card")[0]?.card.reason).toBe("command");
    expect(texts(await h.command(alice, "handoff"))).toContain("already with the support team");
  });

  it("/issue records an issue report with the verdict", async () => {
    await h.say(alice, conversationFixture("gemini-per-day-error.txt"));
    expect(texts(await h.command(alice, "issue"))).toMatch(
      /^📝 Draft issue for openclaw\/openclaw: \*\*\[Bug\]: /,
    );
    const [row] = h.query<{ status: string; report: string }>(
      "SELECT status, report FROM issue_reports",
    );
    expect(row?.status).toBe("requested");
    expect(JSON.parse(row?.report ?? "{}").errorClass).toBe("rpd");
  });
});

describe("redaction", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });
  afterEach(() => h.close());

  it("keeps only redacted text on disk, tells the user, lists the kind on the card", async () => {
    const key = "AIzaSyD3xamp1eK3yThatIsNotRealButLooksIt0";
    const actions = await h.say(
      alice,
      `my config: GEMINI_API_KEY=${key}\n${conversationFixture("gemini-per-day-error.txt")}`,
    );
    expect(texts(actions)).toContain("I removed 1 Google API key (`AIza…[redacted]`)");
    const everything = JSON.stringify(
      ["messages", "verdicts", "facts", "actions", "handoffs", "events"].map((t) =>
        h.query(`SELECT * FROM ${t}`),
      ),
    );
    expect(everything).not.toContain(key);
    expect(everything).toContain("AIza…[redacted]");
    const card = ofType(await h.command(sam, "card"), "ephemeral")[0]?.card;
    expect(card?.redactionKinds).toEqual(["google-api-key"]);
  });

  const KEY = "AIzaSyD3xamp1eK3yThatIsNotRealButLooksIt0";
  const stored = () =>
    JSON.stringify(
      ["threads", "messages", "verdicts", "facts", "actions", "handoffs", "events"].map((t) =>
        h.query(`SELECT * FROM ${t}`),
      ),
    );

  it("a key in a forum title is redacted on disk and the reporter is told to rotate it", async () => {
    const actions = await h.say(alice, "Getting 429 rate limit errors from Gemini, help", {
      title: `Gemini 429 with key ${KEY}`,
    });
    expect(texts(actions)).toContain("I removed 1 Google API key (`AIza…[redacted]`)");
    expect(stored()).not.toContain(KEY.slice(4));
    expect(h.query<{ title: string }>("SELECT title FROM threads")[0]?.title).toBe(
      "Gemini 429 with key AIza…[redacted]",
    );
  });

  it("a title that is the message's first line counts its key once (Slack)", async () => {
    const text = `my key ${KEY} gets 429\nfrom gemini`;
    const actions = await h.say(alice, text, { title: `my key ${KEY} gets 429` });
    expect(texts(actions)).toContain("I removed 1 Google API key");
  });

  it("an attachment's name and a coloured key in it pass the same choke point", async () => {
    const actions = await h.say(alice, "Getting 429 rate limit errors from Gemini, log attached", {
      attachments: [
        {
          name: `gateway_${KEY}.log`,
          content: `\x1b[2m10:00:01\x1b[22m using \x1b[35m${KEY}\x1b[39m\n429 RESOURCE_EXHAUSTED`,
        },
      ],
    });
    expect(texts(actions)).toContain("I removed 2 Google API keys");
    expect(stored()).not.toContain(KEY.slice(4));
    const [row] = h.query<{ attachments: string }>("SELECT attachments FROM messages");
    const [attachment] = JSON.parse(row?.attachments ?? "[]");
    expect(attachment.name).toBe("gateway_AIza…[redacted].log");
    expect(attachment.content).toContain("\x1b[35mAIza…[redacted]\x1b[39m");
  });

  it("a key added by an edit gets the same notice", async () => {
    await h.say(alice, "Getting 429 rate limit errors from Gemini, help", { messageId: "m-edit" });
    const actions = await h.say(alice, `Getting 429 from Gemini, key ${KEY}`, {
      messageId: "m-edit",
      kind: "edit",
    });
    expect(texts(actions)).toContain("I removed 1 Google API key");
    expect(stored()).not.toContain(KEY.slice(4));
  });

  it("a secret pasted while staff have the thread still gets its notice", async () => {
    await h.say(alice, "Getting 429 rate limit errors from Gemini in openclaw, help");
    await h.say(sam, "on it");
    const actions = await h.say(alice, "key is AIzaSyD3xamp1eK3yThatIsNotRealButLooksIt0");
    expect(texts(actions)).toContain("I removed 1 Google API key");
  });
});
