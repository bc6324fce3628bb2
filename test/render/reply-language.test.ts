import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, forcedLanguage } from "../../src/conversation/policy.js";
import { analyze } from "../../src/core/analyze.js";
import type { Thread } from "../../src/core/thread.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { replyLanguage } from "../../src/render/words.js";
import { triage } from "../../src/triage.js";
import { planFirstReply } from "../helpers/first-reply.js";
import { NOW, readFixture } from "../helpers/fixtures.js";

const kb = loadKnowledge();
const fixture = (name: string) => JSON.parse(readFixture("replies", `${name}.json`)) as Thread;

describe("replies in the reader's language", () => {
  it.each([
    [
      "es-openclaw-vague",
      "es",
      "**Aún no se puede saber qué límite es**",
      "**El error original del proveedor**",
    ],
    [
      "ja-openclaw-vague",
      "ja",
      "**どの制限なのか、まだ判断できません**",
      "**プロバイダーの元のエラー**",
    ],
    [
      "de-openclaw-per-day",
      "de",
      "**Diagnose: Kontingent für Anfragen pro Tag**",
      "**Was du jetzt tun kannst**",
    ],
    [
      "pt-api-quota",
      "pt",
      "**Diagnóstico: cobrança ou créditos, não um limite de taxa**",
      "**O que você pode fazer agora**",
    ],
    ["zh-product-credits", "zh", "**目前还无法判断是哪个限制**", "**停止为注定失败的重试付费**"],
  ])("%s is answered in %s", (name, lang, headline, heading) => {
    const { report } = triage(fixture(name), kb, NOW);
    expect(report.language).toBe(lang);
    expect(report.reply).toContain(headline);
    expect(report.reply).toContain(heading);
    expect(report.reply).not.toMatch(/What you can do now|To pin it down|Not enough to tell/);
  });

  it("commands, config keys and error text stay verbatim", () => {
    const es = triage(fixture("es-openclaw-vague"), kb, NOW).report.reply;
    expect(es).toContain("openclaw --version");
    expect(es).toContain("openclaw models status --probe --probe-provider google --json");
    expect(es).toContain('("⚠️ API rate limit reached")');
    const de = triage(fixture("de-openclaw-per-day"), kb, NOW).report.reply;
    expect(de).toContain("GenerateRequestsPerDayPerProjectPerModel-FreeTier");
  });

  it("a language without its own words (Korean) is answered in English", () => {
    const thread: Thread = {
      messages: [
        {
          role: "reporter",
          content:
            "openclaw에서 어제부터 ⚠️ API rate limit reached 오류가 계속 나요. 사용량은 적어요.",
        },
      ],
    };
    const { report } = triage(thread, kb, NOW);
    expect(report.language).toBe("ko");
    expect(report.reply).toContain("**Not enough to tell which limit this is yet**");
  });

  it("a channel can force its language over the thread's", () => {
    const policy = {
      ...DEFAULT_POLICY,
      replyLanguages: { all: "en", byChannel: { C0SPANISH: "es" } },
    };
    expect(forcedLanguage(policy, "slack:C0SPANISH:1700000000.0001")).toBe("es");
    expect(forcedLanguage(policy, "slack:C0OTHER:1700000000.0001")).toBe("en");
    const analysis = analyze(fixture("openclaw-vague"), kb, NOW);
    const text = planFirstReply(
      analysis,
      kb,
      NOW,
      replyLanguage(kb, analysis.language, forcedLanguage(policy, "slack:C0SPANISH:1")),
    );
    expect(text).toContain("**Para concretarlo, pega todo esto en una sola respuesta:**");
  });
});

describe("the translations are complete data", () => {
  const en = kb.translations.en;
  it.each(["zh", "es", "pt", "ja", "de"])(
    "%s has every phrase and names only known ids",
    (lang) => {
      const t = kb.translations[lang];
      expect(t).toBeDefined();
      expect(Object.keys(t?.text ?? {}).sort()).toEqual(Object.keys(en?.text ?? {}).sort());
      for (const id of Object.keys(t?.classes ?? {}))
        expect(kb.classes.map((c) => c.id)).toContain(id);
      for (const id of Object.keys(t?.questions ?? {}))
        expect(kb.questions.map((q) => q.id)).toContain(id);
      for (const id of Object.keys(t?.mitigations ?? {}))
        expect(kb.mitigations.map((m) => m.id)).toContain(id);
      // Every class has a title, every question a label: a reply never mixes languages in its headings.
      expect(Object.keys(t?.classes ?? {}).sort()).toEqual(kb.classes.map((c) => c.id).sort());
      expect(Object.keys(t?.questions ?? {}).sort()).toEqual(
        [...new Set(kb.questions.map((q) => q.id))].sort(),
      );
      // The reply's own phrases are in `text` (checked above); the nudge is still a template.
      expect(kb.prompts[`${lang}/nudge`]).toBeDefined();
    },
  );
});
