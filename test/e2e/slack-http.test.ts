import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ACTION_IDS } from "../../src/render/slack/ids.js";
import { actionIds, textOf } from "../fakes/slack/blocks.js";
import { eventually } from "../fakes/slack/eventually.js";
import {
  SIGNING_SECRET,
  type SlackHarness,
  SUPPORT,
  startSlackHarness,
  USER,
} from "../fakes/slack/harness.js";
import {
  appMentionEvent,
  eventEnvelope,
  type MessageInput,
  messageEvent,
} from "../fakes/slack/payloads.js";
import { slackSignature } from "../fakes/slack/signed-request.js";

const OPENAI_429 =
  "Getting this all afternoon:\n```\nRateLimitError: 429 Rate limit reached for gpt-4o in organization org-FAKEFAKEFAKE on tokens per min (TPM): Limit 30000, Used 26411, Requested 6230. Please try again in 5.282s.\n```";
const ROOT = "1760000100.000200";

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.stop();
});

function say(input: Partial<MessageInput> & { text: string }, eventId?: string) {
  const event = messageEvent({ channel: SUPPORT, user: USER, ts: ROOT, ...input });
  return h.send.event(eventEnvelope(h.fake.state, event, eventId));
}

/** The first threaded reply under ROOT, once it has been posted. */
function firstReply() {
  return h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === ROOT);
}

describe("Events API over HTTP", () => {
  test("answers url_verification with the challenge", async () => {
    const res = await h.send.event({ type: "url_verification", token: "t", challenge: "c-123" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "c-123" });
  });

  test("serves GET /healthz for deployments", async () => {
    const res = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  test("rejects a forged signature and a 6-minute-old timestamp; the engine sees neither", async () => {
    const body = JSON.stringify(
      eventEnvelope(
        h.fake.state,
        messageEvent({ channel: SUPPORT, user: USER, text: OPENAI_429, ts: ROOT }),
      ),
    );
    const now = Math.floor(Date.now() / 1000);
    const good = slackSignature(SIGNING_SECRET, now, body);
    // Flip the last hex digit: overwriting it could leave it unchanged 1 time in 16.
    const forged = good.slice(0, -1) + (good.endsWith("0") ? "1" : "0");
    const wrongSecret = slackSignature("not-the-secret", now, body);
    const stale = now - 6 * 60;
    expect((await h.send.raw(body, "application/json", { signature: forged })).status).toBe(401);
    expect((await h.send.raw(body, "application/json", { signature: wrongSecret })).status).toBe(
      401,
    );
    expect((await h.send.raw(body, "application/json", { timestamp: stale })).status).toBe(401);
    // A correctly signed request afterwards is processed: only it reaches the engine.
    expect((await h.send.raw(body, "application/json")).status).toBe(200);
    await firstReply();
    expect(h.conversation.receivedIds).toEqual([`slack:${SUPPORT}:${ROOT}`]);
  });

  test("a new thread with a pasted 429 gets one threaded Block Kit reply", async () => {
    expect((await say({ text: OPENAI_429 })).status).toBe(200);
    const reply = await firstReply();
    expect(reply.params.channel).toBe(SUPPORT);
    expect(reply.authorization).toBe(`Bearer ${h.fake.botToken}`);
    expect(reply.params.text).toMatch(/tokens-per-minute/);
    const text = textOf(reply.params);
    expect(text).toMatch(/\*Diagnosis: tokens-per-minute limit\*/);
    expect(text).toMatch(/\*What you can do now\*/);
    expect(JSON.stringify(reply.params.blocks)).toContain('"rich_text_preformatted"');
    expect(actionIds(reply.params)).toEqual([
      ACTION_IDS.pasteDetails,
      ACTION_IDS.handoff,
      ACTION_IDS.solved,
      ACTION_IDS.issue,
    ]);
    const [event] = h.conversation.events;
    expect(event).toMatchObject({
      platform: "slack",
      threadKey: `slack:${SUPPORT}:${ROOT}`,
      kind: "message",
      author: { id: USER, name: "Ada", isStaff: false, isBot: false },
      title: "Getting this all afternoon:",
      url: `https://fake.slack.com/archives/${SUPPORT}/p${ROOT.replace(".", "")}`,
    });
    expect(event?.text).toContain("Rate limit reached for gpt-4o");
  });

  test("a follow-up in the thread updates the bot's reply instead of posting another", async () => {
    await say({ text: OPENAI_429 });
    const reply = await firstReply();
    const replyTs = await eventually(
      () => h.conversation.sent.find((s) => s.type === "reply")?.id,
      "the reply's ts to be recorded",
    );
    await say({
      text: "I'm on usage tier 1, openclaw 2026.3.1",
      ts: "1760000200.000300",
      thread_ts: ROOT,
    });
    const update = await h.fake.waitFor("chat.update");
    expect(update.params).toMatchObject({ channel: SUPPORT, ts: replyTs });
    expect(actionIds(update.params)).toContain(ACTION_IDS.pasteDetails);
    expect(h.fake.callsOf("chat.postMessage").filter((c) => c.params.thread_ts === ROOT)).toEqual([
      reply,
    ]);
    expect(h.conversation.events.map((e) => e.threadKey)).toEqual([
      `slack:${SUPPORT}:${ROOT}`,
      `slack:${SUPPORT}:${ROOT}`,
    ]);
  });

  test("an edit of the first message reaches the engine as an edit; an unfurl does not", async () => {
    await say({ text: "429 from gpt-4o, no idea why" });
    await firstReply();
    const changed = (message: Record<string, unknown>) =>
      h.send.event(
        eventEnvelope(h.fake.state, {
          type: "message",
          subtype: "message_changed",
          hidden: true,
          channel: SUPPORT,
          ts: "1760000400.000001",
          event_ts: "1760000400.000001",
          message: { type: "message", user: USER, ts: ROOT, ...message },
        }),
      );
    await changed({ text: "429 from gpt-4o", attachments: [{ from_url: "https://x.dev" }] });
    await changed({ text: OPENAI_429, edited: { user: USER, ts: "1760000400.000000" } });
    await eventually(() => h.conversation.events.find((e) => e.kind === "edit"), "the edit");
    expect(h.conversation.events.map((e) => [e.kind, e.eventId, e.at.toISOString()])).toEqual([
      ["message", `slack:${SUPPORT}:${ROOT}`, "2025-10-09T08:55:00.000Z"],
      ["edit", `slack:${SUPPORT}:${ROOT}:edit:1760000400.000000`, "2025-10-09T09:00:00.000Z"],
    ]);
  });

  test("a redelivered event (X-Slack-Retry-Num) does not reply twice", async () => {
    const envelope = eventEnvelope(
      h.fake.state,
      messageEvent({ channel: SUPPORT, user: USER, text: OPENAI_429, ts: ROOT }),
      "Ev0REDELIVER",
    );
    await h.send.event(envelope);
    await firstReply();
    expect(
      (await h.send.event(envelope, { retryNum: 1, retryReason: "http_timeout" })).status,
    ).toBe(200);
    // A later message in the same thread is queued behind anything the redelivery started.
    await say({ text: "still failing", ts: "1760000300.000400", thread_ts: ROOT });
    await h.fake.waitFor("chat.update");
    expect(
      h.fake.callsOf("chat.postMessage").filter((c) => c.params.thread_ts === ROOT),
    ).toHaveLength(1);
    expect(
      h.conversation.receivedIds.filter((id) => id === `slack:${SUPPORT}:${ROOT}`),
    ).toHaveLength(1);
  });

  test("a 429 from the Web API delays the reply but never loses it", async () => {
    h.fake.rateLimit("chat.postMessage", 1);
    await say({ text: OPENAI_429 });
    const reply = await firstReply();
    expect(h.fake.rateLimited).toEqual(["chat.postMessage"]);
    // The fake answers 429 again to any call before its Retry-After has passed; none came.
    expect(h.fake.earlyRetries).toBe(0);
    expect(h.fake.callsOf("chat.postMessage")).toEqual([reply]);
    const sent = await eventually(() => h.conversation.sent[0], "the reply to be recorded");
    expect(sent).toEqual({
      threadKey: `slack:${SUPPORT}:${ROOT}`,
      type: "reply",
      id: expect.any(String),
    });
  });

  test("ignores off-topic messages, unwatched channels and other bots", async () => {
    await say({ text: "Has anyone tried the new dark mode?", ts: "1760000001.000001" });
    await say({ text: OPENAI_429, ts: "1760000002.000001", channel: "COTHER01" });
    await h.send.event(
      eventEnvelope(h.fake.state, {
        ...messageEvent({
          channel: SUPPORT,
          user: USER,
          text: OPENAI_429,
          ts: "1760000003.000001",
        }),
        bot_id: "BOTHER01",
        subtype: "bot_message",
      }),
    );
    // A mention anywhere is answered: it also proves the earlier events were handled by now.
    await h.send.event(
      eventEnvelope(
        h.fake.state,
        appMentionEvent({
          channel: "COTHER01",
          user: USER,
          text: `<@${h.fake.state.botUserId}> ${OPENAI_429}`,
          ts: "1760000004.000001",
        }),
      ),
    );
    const reply = await h.fake.waitFor("chat.postMessage");
    expect(reply.params).toMatchObject({ channel: "COTHER01", thread_ts: "1760000004.000001" });
    expect(h.conversation.events).toHaveLength(1);
    expect(h.conversation.events[0]).toMatchObject({ mentionsBot: true });
    expect(h.conversation.events[0]?.text).not.toContain(h.fake.state.botUserId);
  });

  test("a shared log file (.gz) is downloaded with the bot token, gunzipped and read", async () => {
    const log = readFileSync("test/fixtures/openclaw/file-log-429-quota-details.jsonl");
    const file = h.fake.addFile("gateway.log.gz", gzipSync(log));
    await say({ text: "openclaw keeps failing, log attached", files: [file] });
    const reply = await firstReply();
    expect(h.fake.fileRequests).toEqual([
      {
        path: expect.stringContaining("/gateway.log.gz"),
        authorization: `Bearer ${h.fake.botToken}`,
      },
    ]);
    const attachment = h.conversation.events[0]?.attachments[0];
    expect(attachment?.name).toBe("gateway.log.gz");
    expect(attachment?.content).toBe(log.toString("utf8"));
    expect(attachment?.note).toBeUndefined();
    expect(textOf(reply.params)).toMatch(/RESOURCE_EXHAUSTED/);
  });

  test("a file over SLACK_MAX_FILE_BYTES is cut, and the engine is told", async () => {
    await h.stop();
    h = await startSlackHarness({ config: { maxFileBytes: 4096 } });
    const log = readFileSync("test/fixtures/openclaw/file-log-429.jsonl");
    const file = h.fake.addFile("gateway.jsonl", log);
    await say({ text: "429s, log attached", files: [file] });
    await firstReply();
    const attachment = h.conversation.events[0]?.attachments[0];
    expect(attachment?.content.length).toBeLessThanOrEqual(4096);
    expect(attachment?.note).toMatch(/Only the first/);
  });

  test("a message and its app_mention (two events, one message) are analysed once", async () => {
    const mention = {
      channel: SUPPORT,
      user: USER,
      ts: ROOT,
      text: `<@${h.fake.state.botUserId}> ${OPENAI_429}`,
    };
    const sent = [messageEvent(mention), appMentionEvent(mention)].map((event) =>
      h.send.event(eventEnvelope(h.fake.state, event)),
    );
    for (const res of await Promise.all(sent)) expect(res.status).toBe(200);
    await firstReply();
    // A later message in the thread is queued behind anything either event started.
    await say({ text: "still failing", ts: "1760000300.000400", thread_ts: ROOT });
    await h.fake.waitFor("chat.update");
    expect(
      h.fake.callsOf("chat.postMessage").filter((c) => c.params.thread_ts === ROOT),
    ).toHaveLength(1);
    expect(h.conversation.events.filter((e) => e.messageId === ROOT)).toHaveLength(1);
  });
});
