import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { SLASH_COMMAND, THREAD_SHORTCUT } from "../../src/adapters/slack/registrations.js";
import { plainDoc } from "../../src/model/reply-doc.js";
import { docFallback } from "../../src/render/slack/doc-blocks.js";
import { ACTION_IDS, PASTE_DETAILS_VIEW, PASTE_FIELDS } from "../../src/render/slack/ids.js";
import { issueButtonValue } from "../../src/render/slack/issue-actions.js";
import { actionIds, textOf } from "../fakes/slack/blocks.js";
import { eventually } from "../fakes/slack/eventually.js";
import {
  type SlackHarness,
  STAFF,
  STAFF_CHANNEL,
  SUPPORT,
  startSlackHarness,
  USER,
} from "../fakes/slack/harness.js";
import {
  blockAction,
  eventEnvelope,
  messageEvent,
  messageShortcut,
  slashCommand,
  viewSubmission,
} from "../fakes/slack/payloads.js";

const RAW_429 =
  "RateLimitError: 429 Rate limit reached for gpt-4o in organization org-FAKEFAKEFAKE on tokens per min (TPM): Limit 30000, Used 26411, Requested 6230. Please try again in 5.282s.";
const ROOT = "1760000100.000200";
const THREAD = `slack:${SUPPORT}:${ROOT}`;

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness({ config: { staffGroups: ["S0STAFF01"] } });
  h.fake.state.usergroups.set("S0STAFF01", ["UGROUP001"]);
});
afterEach(async () => {
  await h.stop();
});

/** A thread with the bot's first reply in it; returns the reply's ts. */
async function threadWithReply(): Promise<string> {
  const event = messageEvent({ channel: SUPPORT, user: USER, text: `Help!\n${RAW_429}`, ts: ROOT });
  await h.send.event(eventEnvelope(h.fake.state, event));
  await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === ROOT);
  return eventually(() => h.conversation.sent.find((s) => s.type === "reply")?.id, "reply ts");
}

/** The engine's notice for `reason`, as the adapter posted it in the thread. */
async function noticePosted(reason: string) {
  const notice = await eventually(
    () => h.conversation.actions.find((a) => a.type === "notice" && a.reason === reason),
    `a ${reason} notice from the engine`,
  );
  if (notice.type !== "notice") throw new Error("not a notice");
  return h.fake.waitFor(
    "chat.postMessage",
    (c) =>
      c.params.thread_ts === ROOT &&
      c.params.text === docFallback(notice.doc ?? plainDoc(notice.text)),
  );
}

function click(user: string, actionId: string, value = THREAD, messageTs = ROOT) {
  return h.send.interaction(
    blockAction(h.fake.state, { user, channel: SUPPORT, actionId, value, messageTs }),
  );
}

describe("/triage and the Paste details form", () => {
  test("/triage opens the form; its submission opens a thread and feeds the engine", async () => {
    const command = slashCommand(h.fake.state, {
      user: USER,
      channel: SUPPORT,
      responseUrl: `${h.fake.url}/respond/1`,
    });
    expect(command.command).toBe(SLASH_COMMAND);
    const res = await h.send.command(command);
    expect(res.status).toBe(200);
    const open = await h.fake.waitFor("views.open");
    expect(open.params.trigger_id).toBe(command.trigger_id);
    const view = open.params.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe(PASTE_DETAILS_VIEW);
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: SUPPORT });

    const submitted = await h.send.interaction(
      viewSubmission(h.fake.state, {
        user: USER,
        callbackId: PASTE_DETAILS_VIEW,
        privateMetadata: view.private_metadata,
        values: { [PASTE_FIELDS.version]: "2026.3.1", [PASTE_FIELDS.rawError]: RAW_429 },
      }),
    );
    expect(submitted.status).toBe(200);
    const anchor = await h.fake.waitFor("chat.postMessage", (c) => !c.params.thread_ts);
    expect(anchor.params).toMatchObject({ channel: SUPPORT });
    expect(anchor.params.text).toContain(`<@${USER}>`);
    const anchorTs = await eventually(
      () => [...h.fake.state.posted].find((p) => p.startsWith(`${SUPPORT}:`))?.split(":")[1],
      "anchor ts",
    );
    const reply = await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === anchorTs);
    expect(textOf(reply.params)).toMatch(/tokens-per-minute/);
    expect(h.conversation.events[0]).toMatchObject({
      threadKey: `slack:${SUPPORT}:${anchorTs}`,
      author: { id: USER },
    });
    expect(h.conversation.events[0]?.text).toContain("Tool version: 2026.3.1");
    expect(h.conversation.events[0]?.text).toContain("```\nRateLimitError: 429");
  });

  test("an empty form is refused in the modal, and nothing reaches the engine", async () => {
    const res = await h.send.interaction(
      viewSubmission(h.fake.state, {
        user: USER,
        callbackId: PASTE_DETAILS_VIEW,
        privateMetadata: JSON.stringify({ channel: SUPPORT }),
        values: { [PASTE_FIELDS.rawError]: "  " },
      }),
    );
    expect(await res.json()).toEqual({
      response_action: "errors",
      errors: { [PASTE_FIELDS.rawError]: expect.any(String) },
    });
    expect(h.conversation.receivedIds).toEqual([]);
  });

  test("/triage with text triages it right away in a new thread", async () => {
    await h.send.command(
      slashCommand(h.fake.state, {
        user: USER,
        channel: SUPPORT,
        text: RAW_429,
        responseUrl: `${h.fake.url}/respond/2`,
      }),
    );
    const reply = await h.fake.waitFor("chat.postMessage", (c) => Boolean(c.params.thread_ts));
    expect(textOf(reply.params)).toMatch(/tokens-per-minute/);
    expect(h.fake.callsOf("views.open")).toEqual([]);
  });

  test("the Paste details button opens the form for the thread; the answer updates the reply", async () => {
    const replyTs = await threadWithReply();
    await click(USER, ACTION_IDS.pasteDetails, THREAD, replyTs);
    const open = await h.fake.waitFor("views.open");
    const view = open.params.view as { private_metadata: string };
    expect(JSON.parse(view.private_metadata)).toEqual({ threadKey: THREAD });
    await h.send.interaction(
      viewSubmission(h.fake.state, {
        user: USER,
        callbackId: PASTE_DETAILS_VIEW,
        privateMetadata: view.private_metadata,
        values: { [PASTE_FIELDS.version]: "openclaw 2026.3.1" },
      }),
    );
    const update = await h.fake.waitFor("chat.update");
    expect(update.params).toMatchObject({ channel: SUPPORT, ts: replyTs });
    expect(h.conversation.events.at(-1)).toMatchObject({
      threadKey: THREAD,
      text: "Tool version: openclaw 2026.3.1",
    });
  });
});

describe("the message shortcut", () => {
  test("“Triage this thread” reads the thread and posts one reply in it", async () => {
    const root = { type: "message", user: USER, text: "the agent stopped answering", ts: ROOT };
    const reply = {
      type: "message",
      user: USER,
      text: RAW_429,
      ts: "1760000150.000100",
      thread_ts: ROOT,
    };
    h.fake.state.threads.set(`${SUPPORT}:${ROOT}`, [{ ...root, thread_ts: ROOT }, reply]);
    const res = await h.send.interaction(
      messageShortcut(h.fake.state, {
        user: STAFF,
        channel: SUPPORT,
        message: reply,
        callbackId: THREAD_SHORTCUT,
        responseUrl: `${h.fake.url}/respond/3`,
      }),
    );
    expect(res.status).toBe(200);
    const posted = await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === ROOT);
    expect(textOf(posted.params)).toMatch(/tokens-per-minute/);
    expect(h.fake.callsOf("conversations.replies")[0]?.params).toMatchObject({
      channel: SUPPORT,
      ts: ROOT,
    });
    expect(h.conversation.events.map((e) => e.messageId)).toEqual([ROOT, "1760000150.000100"]);
    expect(h.fake.callsOf("chat.postMessage")).toHaveLength(1);
  });

  test("in a channel the bot cannot read, it tells the user how to invite it", async () => {
    h.fake.state.notInChannel.add("CPRIVATE1");
    await h.send.interaction(
      messageShortcut(h.fake.state, {
        user: USER,
        channel: "CPRIVATE1",
        message: { type: "message", user: USER, text: RAW_429, ts: ROOT },
        callbackId: THREAD_SHORTCUT,
        responseUrl: `${h.fake.url}/respond/4`,
      }),
    );
    const answer = await eventually(() => h.fake.responses[0], "a response_url answer");
    expect(answer.id).toBe("4");
    expect(answer.body).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringContaining("/invite"),
    });
    expect(h.conversation.receivedIds).toEqual([]);
  });
});

describe("buttons, the handoff card and App Home", () => {
  test("Hand off posts a card to the staff channel; Claim updates it", async () => {
    await threadWithReply();
    await click(USER, ACTION_IDS.handoff);
    const card = await h.fake.waitFor(
      "chat.postMessage",
      (c) => c.params.channel === STAFF_CHANNEL,
    );
    expect(card.params.thread_ts).toBeUndefined();
    expect(actionIds(card.params)).toEqual([ACTION_IDS.claim, ACTION_IDS.backToBot]);
    expect(textOf(card.params)).toContain("Handoff: Help!");
    expect(JSON.stringify(card.params.blocks)).toContain(`"value":"${THREAD}"`);
    const notice = await noticePosted("handoff");
    expect(notice.params.channel).toBe(SUPPORT);
    expect((await h.fake.waitFor("reactions.add")).params).toMatchObject({
      channel: SUPPORT,
      timestamp: ROOT,
      name: "raising_hand",
    });
    const cardTs = await eventually(
      () => h.conversation.sent.find((s) => s.type === "handoff_card")?.id,
      "card ts",
    );

    // A member of the staff user group claims it from the card.
    await click("UGROUP001", ACTION_IDS.claim, THREAD, cardTs);
    const update = await h.fake.waitFor("chat.update", (c) => c.params.channel === STAFF_CHANNEL);
    expect(update.params.ts).toBe(cardTs);
    expect(actionIds(update.params)).toEqual([ACTION_IDS.backToBot]);
    expect(textOf(update.params)).toContain("<@UGROUP001>");
    expect(h.conversation.commands.map((c) => [c.name, c.author.id, c.author.isStaff])).toEqual([
      ["handoff", USER, false],
      ["claim", "UGROUP001", true],
    ]);
  });

  test("App Home lists the handed-off thread for staff and explains the bot to others", async () => {
    await threadWithReply();
    await click(USER, ACTION_IDS.handoff);
    await h.fake.waitFor("chat.postMessage", (c) => c.params.channel === STAFF_CHANNEL);
    const opened = (user: string) =>
      h.send.event(
        eventEnvelope(h.fake.state, {
          type: "app_home_opened",
          user,
          channel: "DHOME",
          tab: "home",
        }),
      );
    await opened(STAFF);
    const staffView = await h.fake.waitFor("views.publish", (c) => c.params.user_id === STAFF);
    expect((staffView.params.view as { type: string }).type).toBe("home");
    const text = textOf(staffView.params);
    expect(text).toContain("Handed off, unclaimed (1)");
    expect(text).toContain(`|Help!>`);
    expect(text).toContain("Awaiting the user (0)");
    await opened(USER);
    const userView = await h.fake.waitFor("views.publish", (c) => c.params.user_id === USER);
    expect(textOf(userView.params)).toContain("/triage");
    expect(textOf(userView.params)).not.toContain("Handed off");
  });

  test("Mark solved marks the root; Draft GitHub issue answers only the clicker", async () => {
    await threadWithReply();
    await click(USER, ACTION_IDS.issue);
    const ephemeral = await h.fake.waitFor("chat.postEphemeral");
    expect(ephemeral.params).toMatchObject({ channel: SUPPORT, user: USER, thread_ts: ROOT });
    // The wording is the engine's; the adapter's part is who sees it and where.
    expect(String(ephemeral.params.text).length).toBeGreaterThan(0);
    await click(USER, ACTION_IDS.solved);
    expect((await h.fake.waitFor("reactions.add")).params).toMatchObject({
      name: "white_check_mark",
    });
    await noticePosted("solved");
  });

  test("File issue on a preview sends issue_confirm; without a token the clicker gets the link", async () => {
    await threadWithReply();
    await click(USER, ACTION_IDS.issueCreate, issueButtonValue(THREAD, "create"));
    await eventually(
      () => h.conversation.commands.find((c) => c.name === "issue_confirm"),
      "issue_confirm",
    );
    expect(h.conversation.commands.at(-1)).toMatchObject({
      name: "issue_confirm",
      threadKey: THREAD,
      argument: "create",
    });
    const ephemeral = await h.fake.waitFor("chat.postEphemeral");
    expect(ephemeral.params).toMatchObject({ channel: SUPPORT, user: USER, thread_ts: ROOT });
    expect(String(ephemeral.params.text)).toContain("not configured");
  });
});
