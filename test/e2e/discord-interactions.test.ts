import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../fakes/discord/bot-harness.js";
import { GEMINI_429, VERSION_FOLLOW_UP } from "../fakes/discord/pastes.js";
import type { FakeMessage } from "../fakes/discord/world.js";
import { readFixture } from "../helpers/fixtures.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const EPHEMERAL = 64;
const CallbackType = { Message: 4, Deferred: 5, Modal: 9 } as const;

/** A forum post and the bot's whole first reply; returns the reply's last part (with buttons). */
async function postedThread(harness: Harness) {
  const { fake } = harness;
  const { threadId } = fake.forumPost(fake.world.alice, "Gemini 429", GEMINI_429);
  const last = await fake.waitFor(
    () => fake.botMessages(threadId).find((m) => (m.components as unknown[]).length > 0),
    "the reply with buttons",
  );
  await harness.bot.idle();
  return { threadId, last: last as FakeMessage };
}

/** Waits for an interaction's deferred answer to be filled, and returns what it said. */
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

function callback(harness: Harness, token: string) {
  return harness.fake.waitFor(
    () => harness.fake.interactionCalls(token).find((r) => r.path.endsWith("/callback")),
    `the callback of ${token}`,
  );
}

/** The engine's notice of this kind was posted in the thread, as it said it. */
function noticeIn(harness: Harness, threadId: string, reason: string): boolean {
  const notice = harness.conversation.actions.find(
    (a) => a.type === "notice" && a.reason === reason,
  );
  if (notice?.type !== "notice") return false;
  return harness.fake.botMessages(threadId).some((m) => m.content === notice.text.trim());
}

describe("Discord commands, buttons and modals end to end", () => {
  it("registers the slash commands and the context menu on ready", async () => {
    h = await startHarness();
    const put = h.fake.calls("PUT", /^\/applications\/\d+\/guilds\/\d+\/commands$/)[0];
    expect(put?.path).toBe(
      `/applications/${h.fake.world.appId}/guilds/${h.fake.world.guildId}/commands`,
    );
    expect(put?.body.map((c: { name: string }) => c.name)).toEqual([
      "triage",
      "diagnose",
      "handoff",
      "solved",
      "issue",
      "card",
      "incidents",
      "Triage this thread",
    ]);
  });

  it("Paste details opens the modal; submitting it updates the verdict", async () => {
    h = await startHarness();
    const { fake } = h;
    const { threadId, last } = await postedThread(h);
    const click = fake.click(fake.world.alice, last, "rt:paste");
    const shown = await callback(h, click.token);
    expect(shown.body.type).toBe(CallbackType.Modal);
    expect(shown.body.data.custom_id).toBe("rt:paste-modal");
    expect(
      shown.body.data.components.map(
        (row: { components: Array<{ custom_id: string }> }) => row.components[0]?.custom_id,
      ),
    ).toEqual(["version", "error", "status"]);

    const submit = fake.submitModal(fake.world.alice, threadId, "rt:paste-modal", {
      version: "OpenClaw 2026.9.6",
      error: "",
      status: readFixture("openclaw", "models-status-probe-429.txt"),
    });
    const mark = fake.requests.length;
    const deferred = await callback(h, submit.token);
    expect(deferred.body).toMatchObject({
      type: CallbackType.Deferred,
      data: { flags: EPHEMERAL },
    });
    const update = await fake.waitFor(
      () => fake.writesTo(threadId, mark).find((w) => w.body.content?.includes("What changed")),
      "the verdict updated after the modal",
    );
    expect(update.body.content).toContain("answered: The tool and its version");
    expect(h.conversation.events.at(-1)?.text).toContain("Tool and version:\nOpenClaw 2026.9.6");
    expect((await answered(h, submit.token)).body.content).toContain("updated");
  });

  it("a coloured key typed into the modal is redacted, and the notice says to rotate it", async () => {
    h = await startHarness();
    const { fake } = h;
    const { threadId } = await postedThread(h);
    const key = "AIzaSyQ7r2Lm9Xc4Vb8Nk1Hd6Tf3Wp0Zs5Gy2Ej";
    const submit = fake.submitModal(fake.world.alice, threadId, "rt:paste-modal", {
      version: "OpenClaw 2026.9.6",
      error: `\x1b[31m429 RESOURCE_EXHAUSTED\x1b[0m with key=\x1b[35m${key}\x1b[0m`,
      status: "",
    });
    const mark = fake.requests.length;
    await callback(h, submit.token);
    const notice = await fake.waitFor(
      () => fake.writesTo(threadId, mark).find((w) => w.body.content?.includes("I removed")),
      "the rotation notice",
    );
    expect(notice.body.content).toContain("Google API key (`AIza…[redacted]`)");
    expect(JSON.stringify(fake.requests.slice(mark))).not.toContain(key.slice(4));
  });

  it("hands off to staff with a card; only staff can claim; the thread hears who took it", async () => {
    h = await startHarness();
    const { fake } = h;
    const { threadId, last } = await postedThread(h);
    const staffId = fake.world.staff.id;

    const handoff = fake.click(fake.world.alice, last, "rt:handoff");
    const card = await fake.waitFor(
      () => fake.calls("POST", new RegExp(`^/channels/${staffId}/messages$`))[0],
      "the handoff card",
    );
    expect(card.body.embeds[0].title).toBe("Gemini 429");
    expect(
      card.body.components[0].components.map((b: { custom_id?: string }) => b.custom_id),
    ).toEqual([
      `rt:claim:${threadId}`,
      `rt:back:${threadId}`,
      undefined, // the "Open thread" link button
    ]);
    expect(card.body.allowed_mentions).toEqual({ parse: [] });
    await answered(h, handoff.token);
    await h.bot.idle();
    expect(noticeIn(h, threadId, "handoff")).toBe(true);

    const cardMessage = fake.botMessages(staffId)[0] as FakeMessage;
    const refused = fake.click(fake.world.bob, cardMessage, `rt:claim:${threadId}`);
    const refusal = await callback(h, refused.token);
    expect(refusal.body).toMatchObject({ type: CallbackType.Message, data: { flags: EPHEMERAL } });
    expect(refusal.body.data.content).toContain("only staff");

    const mark = fake.requests.length;
    const claim = fake.click(fake.world.sam, cardMessage, `rt:claim:${threadId}`);
    const updated = await fake.waitFor(() => fake.writesTo(staffId, mark)[0], "the card updated");
    expect(updated.method).toBe("PATCH");
    expect(updated.path).toBe(`/channels/${staffId}/messages/${cardMessage.id}`);
    const assignee = updated.body.embeds[0].fields.find(
      (f: { name: string }) => f.name === "Assignee",
    );
    expect(assignee.value).toMatch(new RegExp(`<@${fake.world.sam.id}>|sam-staff`));
    expect(updated.body.components[0].components[0].disabled).toBe(true);
    await answered(h, claim.token);
    await h.bot.idle();
    expect(noticeIn(h, threadId, "claimed")).toBe(true);
    const claimed = h.conversation.actions.find(
      (x) => x.type === "notice" && x.reason === "claimed",
    );
    expect(claimed?.type === "notice" && claimed.text).toContain("sam-staff");

    // "Back to bot" returns the thread to the bot: the engine hears it from staff, the tag follows.
    const back = fake.click(fake.world.sam, cardMessage, `rt:back:${threadId}`);
    await answered(h, back.token);
    await h.bot.idle();
    expect(h.conversation.commands.map((c) => [c.name, c.author.isStaff])).toEqual([
      ["handoff", false],
      ["claim", true],
      ["back_to_bot", true],
    ]);
    const moved = h.conversation.actions
      .filter((a) => a.type === "state")
      .map((a) => a.type === "state" && a.to);
    expect(moved).toContain("handed_off");
    const handedOff = fake.world.forum.available_tags?.find((t) => t.name === "handed-off");
    expect(handedOff).toBeDefined();
    expect(moved.at(-1)).not.toBe("handed_off");
    expect(fake.world.channels.get(threadId)?.applied_tags).not.toContain(handedOff?.id);
  });

  it("/solved from the poster swaps the lifecycle tag; others are refused", async () => {
    h = await startHarness();
    const { fake } = h;
    const { threadId } = await postedThread(h);
    const tagId = (name: string) =>
      fake.world.forum.available_tags?.find((t) => t.name === name)?.id;
    await fake.waitFor(() => tagId("needs-info"), "needs-info created");

    const refused = fake.slash(fake.world.bob, threadId, "solved");
    expect((await answered(h, refused.token)).body.content).toContain("Only the person who asked");

    const solved = fake.slash(fake.world.alice, threadId, "solved", {
      what_worked: "waiting 37 s",
    });
    await answered(h, solved.token);
    const thread = fake.world.channels.get(threadId);
    await fake.waitFor(
      () => tagId("solved") && thread?.applied_tags?.includes(tagId("solved") ?? ""),
      "solved tag",
    );
    expect(thread?.applied_tags).toEqual([tagId("solved")]);
    expect(h.conversation.commands.at(-1)).toMatchObject({
      name: "solved",
      argument: "waiting 37 s",
    });
  });

  it("/diagnose answers only the person who asked", async () => {
    h = await startHarness();
    const { fake } = h;
    const { threadId } = await postedThread(h);
    const before = fake.botMessages(threadId).length;
    const diagnose = fake.slash(fake.world.bob, threadId, "diagnose");
    expect((await callback(h, diagnose.token)).body).toMatchObject({ data: { flags: EPHEMERAL } });
    const answer = await answered(h, diagnose.token);
    expect(answer.body.content).toContain("**Diagnosis: input-tokens-per-minute limit**");
    expect(answer.body.allowed_mentions).toMatchObject({ parse: [] });
    await h.bot.idle();
    expect(fake.botMessages(threadId)).toHaveLength(before);
  });

  it("/triage with a message link triages that thread, history included", async () => {
    h = await startHarness();
    const { fake } = h;
    // An unwatched channel: the bot stays silent until asked.
    const question = fake.say(fake.world.other.id, fake.world.alice, GEMINI_429);
    const link = `https://discord.com/channels/${fake.world.guildId}/${fake.world.other.id}/${question.id}`;
    const triage = fake.slash(fake.world.bob, fake.world.other.id, "triage", { link });
    expect((await answered(h, triage.token)).body.content).toContain("the triage is in the thread");
    // The reply may come in parts (Discord's 2,000-character limit): read them together.
    const reply = fake
      .botMessages(question.id)
      .map((m) => m.content)
      .join("\n");
    expect(reply).toContain("RESOURCE_EXHAUSTED");
    expect(h.conversation.events.map((e) => e.messageId)).toEqual([question.id]);
  });

  it("the context menu 'Triage this thread' reads the thread and replies", async () => {
    h = await startHarness();
    const { fake } = h;
    const question = fake.say(fake.world.other.id, fake.world.alice, "my agent stopped answering");
    const thread = fake.world.addThread(fake.world.other.id, fake.world.alice.id, "agent stopped");
    fake.gateway.dispatch("THREAD_CREATE", { ...thread, newly_created: true });
    fake.say(thread.id, fake.world.alice, GEMINI_429);
    const follow = fake.say(thread.id, fake.world.alice, VERSION_FOLLOW_UP);
    const menu = fake.messageMenu(fake.world.sam, follow);
    await answered(h, menu.token);
    const reply = fake
      .botMessages(thread.id)
      .map((m) => m.content)
      .join("\n");
    expect(reply).toContain("OpenClaw 2026.9.6");
    // One reply for the whole history, not one per message read.
    const heads = fake
      .botMessages(thread.id)
      .filter((m) => /^\*\*(Diagnosis|Not enough)/.test(m.content));
    expect(heads).toHaveLength(1);
    expect(h.conversation.commands.at(-1)).toMatchObject({
      name: "triage",
      author: { isStaff: true },
    });
    expect(question.id).not.toBe(thread.id);
  });
});
