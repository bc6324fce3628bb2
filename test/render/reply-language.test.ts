import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, forcedLanguage } from "../../src/conversation/policy.js";
import { analyze } from "../../src/core/analyze.js";
import type { Thread } from "../../src/core/thread.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { CARD_WORDS } from "../../src/render/card-words.js";
import { renderReply } from "../../src/render/markdown/reply.js";
import { REPLY_WORDS } from "../../src/render/reply-words.js";
import { replyLanguage } from "../../src/render/words.js";
import { triage } from "../../src/triage.js";
import { planFirstReply } from "../helpers/first-reply.js";
import { NOW, readFixture, threadFixture } from "../helpers/fixtures.js";

const kb = loadKnowledge();
/**
 * Templates every reply language has (English prompts/*.md being the original of each). The
 * reply's own phrases (verdict, what changed, still needed) are in `text` of data/i18n, checked
 * below.
 */
const LOCALIZED_PROMPTS = [
  "nudge",
  "solved",
  "closed-stale",
  "claimed",
  "already-solved",
  "summary",
  "incident-note",
  "handoff",
  "handoff-already",
  "handoff-card",
  "reopened",
  "released",
  "reporter-or-staff-only",
];
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
      for (const name of LOCALIZED_PROMPTS) expect(kb.prompts[`${lang}/${name}`]).toBeDefined();
      expect(Object.keys(t?.card ?? {}).sort()).toEqual(Object.keys(CARD_WORDS).sort());
      expect(Object.keys(t?.platform ?? {}).sort()).toEqual(Object.keys(REPLY_WORDS).sort());
    },
  );

  it.each(["zh", "es", "pt", "ja", "de"])(
    "%s has every template another language has, and every sentence of the hypotheses",
    (lang) => {
      const names = (l: string) =>
        Object.keys(kb.prompts)
          .filter((k) => k.startsWith(`${l}/`))
          .map((k) => k.slice(l.length + 1))
          .sort();
      for (const other of ["zh", "es", "pt", "ja", "de"]) expect(names(lang)).toEqual(names(other));
      // Only templates with an English original: a translation never invents a message.
      for (const name of names(lang)) expect(kb.prompts[name]).toBeDefined();
      const phrases = kb.translations[lang]?.phrases ?? {};
      // Every hypothesis sentence and every ask's default how-to-get (prose by design); a
      // provider's or tool's own how-to-get line when it is prose, never a key the data lacks.
      const keys = new Set(Object.keys(phrases));
      for (const s of hypothesisSentences()) expect(keys).toContain(s);
      for (const q of kb.questions)
        for (const line of (q.howToGet.default ?? "").split("\n")) expect(keys).toContain(line);
      const known = new Set([
        ...hypothesisSentences(),
        ...kb.questions.flatMap((q) => Object.values(q.howToGet).flatMap((v) => v.split("\n"))),
      ]);
      for (const key of keys) expect(known).toContain(key);
      for (const [english, translated] of Object.entries(phrases)) {
        // Values the engine fills in and commands in backticks come through unchanged.
        for (const slot of english.match(/\{\{\w+\}\}|`[^`]+`/g) ?? [])
          expect(translated).toContain(slot);
        expect(translated).not.toBe(english);
      }
    },
  );
});

/** Every sentence data/hypotheses/ can put in a reply or card: titles, evidence, checks, experiments. */
function hypothesisSentences(): Set<string> {
  const out = new Set<string>();
  for (const h of kb.hypotheses) {
    out.add(h.title).add(h.decide);
    if (h.nextExperiment) out.add(h.nextExperiment);
    for (const c of [...h.for, ...h.against]) out.add(c.says);
    for (const r of h.ruledOutBy) out.add(r.because);
  }
  return out;
}

describe("the verdict's own sentences in the reader's language", () => {
  const english = [
    ...hypothesisSentences(),
    ...kb.questions.flatMap((q) => (q.howToGet.default ?? "").split("\n")),
  ].filter((s) => !s.includes("{{") && s.length > 30);
  // Threads whose English reply quotes the hypotheses' sentences (two of them a leading verdict).
  const threads: Thread[] = [
    threadFixture("openclaw-incident-whole-thread"),
    threadFixture("hosted-tool-own-key-vague"),
    threadFixture("openclaw-rewrite-first-post"),
    fixture("openclaw-long-thread"),
    fixture("product-credits-retries"),
    fixture("vague-no-tool"),
  ];
  it("the English replies of those threads do quote them", () => {
    const quoted = threads.flatMap((t) => {
      const reply = renderReply(analyze(t, kb, NOW), { kb, now: NOW });
      return english.filter((sentence) => reply.includes(sentence));
    });
    expect(quoted.length).toBeGreaterThanOrEqual(10);
  });
  it.each(["zh", "es", "pt", "ja", "de"])(
    "in %s no 'because', 'to confirm', ruled-out or how-to-get line is left in English",
    (lang) => {
      for (const thread of threads) {
        const analysis = analyze(thread, kb, NOW);
        const reply = renderReply(analysis, { kb, now: NOW, language: lang });
        for (const sentence of english) expect(reply).not.toContain(sentence);
      }
    },
  );

  it.each([
    ["es", "una solicitud mínima con la misma clave funciona"],
    ["pt", "uma requisição mínima com a mesma chave funciona"],
    ["de", "eine minimale Anfrage mit demselben Schlüssel gelingt"],
    ["ja", "同じキーでの最小リクエストは成功する"],
    ["zh", "用同一个密钥的最小请求能成功"],
  ])("in %s the ruled-out list says why in the reader's words", (lang, because) => {
    const analysis = analyze(threadFixture("openclaw-incident-whole-thread"), kb, NOW);
    const reply = renderReply(analysis, { kb, now: NOW, language: lang });
    const ruledOut = reply.split("\n\n").find((p) => p.includes("~~")) ?? "";
    expect(ruledOut).toContain(because);
    // The experiment the engine quotes keeps its command: `openclaw models status` stays verbatim.
    expect(reply).toContain("openclaw models status");
  });
});
