import { afterEach, describe, expect, it } from "vitest";
import type { ConversationPolicy } from "../../src/conversation/policy.js";
import { handoffCardMessage } from "../../src/render/discord/handoff-card.js";
import { verdictEmbed } from "../../src/render/discord/verdict-embed.js";
import { renderHandoffCard } from "../../src/render/markdown/handoff-card.js";
import { renderHandoffCard as renderSlackCard } from "../../src/render/slack/handoff-card.js";
import { renderReplyMessage } from "../../src/render/slack/reply-message.js";
import {
  alice,
  conversationFixture,
  Harness,
  kb,
  notices,
  ofType,
  sam,
} from "./support/harness.js";

/** A Discord forum whose language is forced: the thread key names only the thread. */
const FORUM = "F0FORUM";
const policyFor = (lang: string): Partial<ConversationPolicy> => ({
  replyLanguages: { all: null, byChannel: { [FORUM]: lang } },
});

/** Per language: a phrase of the card, of the solved notice and of the stale close. */
const WORDS = {
  zh: {
    card: "**提问与回答**",
    handoff: "通过 /handoff 转交",
    solved: "已标记为已解决",
    closed: "💤 关闭此帖",
  },
  es: {
    card: "**Preguntado y respondido**",
    handoff: "traspasado con /handoff",
    solved: "Marcado como resuelto",
    closed: "💤 Cierro este hilo",
  },
  pt: {
    card: "**Perguntado e respondido**",
    handoff: "repassado com /handoff",
    solved: "Marcado como resolvido",
    closed: "💤 Fechando este tópico",
  },
  ja: {
    card: "**質問と回答**",
    handoff: "/handoff で引き継ぎ",
    solved: "解決済みにしました",
    closed: "💤 このスレッドを閉じます",
  },
  de: {
    card: "**Gefragt und beantwortet**",
    handoff: "mit /handoff übergeben",
    solved: "Als gelöst markiert",
    closed: "💤 Ich schließe diesen Thread",
  },
} as const;

let h: Harness | undefined;
afterEach(() => h?.close());

function discordHarness(lang: string): Harness {
  const harness = new Harness(policyFor(lang));
  harness.threadKey = "discord:1234567890";
  return harness;
}

const inForum = { platform: "discord", channelId: FORUM } as const;

describe.each(Object.entries(WORDS))("cards and notices in %s", (lang, words) => {
  it("the staff card and the solved notice are in the thread's language; commands and error text stay verbatim", async () => {
    h = discordHarness(lang);
    await h.say(alice, "Getting 429s from Gemini, openclaw --version: 2026.2.24", {
      ...inForum,
      title: "Gemini 429",
    });
    await h.say(alice, conversationFixture("gemini-per-day-error.txt"), inForum);
    // The reply carries what Slack and Discord put around its text, in the same language.
    const [reply] = ofType(await h.command(alice, "triage"), "reply");
    if (!reply?.local || !reply.doc) throw new Error("no words for the platforms");
    const slackReply = JSON.stringify(
      renderReplyMessage(reply.doc, reply.report, h.threadKey, reply.local),
    );
    expect(slackReply).toContain(kb.translations[lang]?.platform.markSolved);
    expect(slackReply).not.toMatch(/Paste details|Mark solved|confidence \d/);
    expect(verdictEmbed(reply.report, new Date(h.now), reply.local).fields?.[0]?.name).toBe(
      kb.translations[lang]?.platform.class,
    );

    const handed = await h.command(alice, "handoff");
    const [action] = ofType(handed, "handoff_card");
    if (!action) throw new Error("no card");
    expect(action.card.language).toBe(lang);
    const card = renderHandoffCard(action.card, kb);
    expect(card).toContain(words.card);
    expect(card).toContain(words.handoff);
    expect(card).not.toMatch(/Asked and answered|Evidence\b|Diagnosis:/);
    // Verbatim: the model id, the provider's quota id and the raw error.
    expect(card).toContain("`gemini-2.5-flash`");
    expect(card).toContain("GenerateRequestsPerDayPerProjectPerModel-FreeTier");
    expect(card).toContain("RESOURCE_EXHAUSTED");

    // The same card on Discord and Slack: labels and buttons in the thread's language too.
    const discord = handoffCardMessage(action.card, "1234567890");
    const labels = [
      ...(discord.embeds[0]?.fields ?? []).map((f) => f.name),
      ...discord.components.flatMap((row) => row.components.map((b) => b.label ?? "")),
    ];
    expect(labels).toEqual(expect.arrayContaining([kb.translations[lang]?.card.state]));
    expect(labels).toEqual(expect.arrayContaining([kb.translations[lang]?.card.claim]));
    expect(labels).not.toContain("Back to bot");
    const slack = JSON.stringify(renderSlackCard(action.card));
    expect(slack).toContain(`${kb.translations[lang]?.card.handoff}: Gemini 429`);
    expect(slack).not.toMatch(/Provider \/ model|Back to bot/);
    expect(slack).toContain("gemini-2.5-flash");

    const solved = notices(await h.command(alice, "solved"), "solved")[0]?.text ?? "";
    expect(solved).toContain(words.solved);
    expect(solved).not.toContain("Marked as solved");
  });

  it("the stale close and its summary are in the thread's language", async () => {
    h = discordHarness(lang);
    await h.say(alice, "Getting 429 rate limit errors from Gemini in openclaw, help", inForum);
    h.advance(25);
    await h.tick();
    h.advance(49);
    const closed = notices(await h.tick(), "closed")[0]?.text ?? "";
    expect(closed).toContain(words.closed);
    expect(closed).not.toMatch(/Closing this thread|Not diagnosed yet|Still missing/);
    expect(closed).toContain("alice");
  });
});

describe("a forced channel language reaches every message of the thread", () => {
  it("claimed and reopened notices follow the channel, not the thread's English", async () => {
    h = discordHarness("es");
    await h.say(alice, "Getting 429 rate limit errors from Gemini in openclaw, help", inForum);
    const claimed = notices(await h.command(sam, "claim"), "claimed")[0]?.text ?? "";
    expect(claimed).toContain("del equipo de soporte, se ocupa ahora de este hilo");
    await h.command(sam, "solved");
    h.advance(1);
    const reopened = notices(await h.say(alice, "it is back: 429 again", inForum), "reopened");
    expect(reopened[0]?.text).toContain("↩️ Reabierto (estaba marcado como resuelto)");
  });
});
