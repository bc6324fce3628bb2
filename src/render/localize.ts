import Mustache from "mustache";
import type { Analysis } from "../core/analyze.js";
import { mitigationVars } from "../core/mitigations.js";
import type { Knowledge } from "../knowledge/knowledge.js";

const RAW = { escape: (v: unknown) => String(v) };

/**
 * The data's own sentences (hypotheses' titles, "because" evidence, how to decide, the next
 * experiment, why a hypothesis is ruled out; the asks' how-to-get lines that are prose, not
 * commands) in another language: `phrases` in
 * data/i18n/<lang>.json map the English template to the translated one. Both are filled with the
 * verdict's values, so a text the engine already filled in is found again; a text without a
 * translation stays English.
 */
export function phraseTranslator(
  kb: Knowledge,
  lang: string,
  vars: object,
): (text: string) => string {
  const phrases = kb.translations[lang]?.phrases;
  if (lang === "en" || !phrases || Object.keys(phrases).length === 0) return (text) => text;
  const filled = new Map<string, string>();
  for (const [english, translated] of Object.entries(phrases))
    filled.set(Mustache.render(english, vars, {}, RAW), Mustache.render(translated, vars, {}, RAW));
  return (text) => filled.get(text) ?? text;
}

/**
 * The analysis as a reader of `lang` sees it: questions, mitigations, hypotheses and what was
 * ruled out in their words. Commands, snippets, error text and ids stay as they are; the JSON
 * report is built from the original.
 */
export function localizeAnalysis(analysis: Analysis, kb: Knowledge, lang: string): Analysis {
  const t = kb.translations[lang];
  if (!t || lang === "en") return analysis;
  const vars = mitigationVars(analysis.facts, analysis.verdict, kb);
  const fill = (text: string) => Mustache.render(text, vars, {}, RAW);
  const tr = phraseTranslator(kb, lang, vars);
  const hypothesis = <
    H extends {
      title: string;
      evidenceFor: string[];
      evidenceAgainst: string[];
      decide: string;
      nextExperiment: string | null;
    },
  >(
    h: H,
  ): H => ({
    ...h,
    title: tr(h.title),
    evidenceFor: h.evidenceFor.map(tr),
    evidenceAgainst: h.evidenceAgainst.map(tr),
    decide: tr(h.decide),
    nextExperiment: h.nextExperiment === null ? null : tr(h.nextExperiment),
  });
  const { verdict } = analysis;
  return {
    ...analysis,
    missing: analysis.missing.map((m) => ({
      ...m,
      label: t.questions[m.id]?.label ?? m.label,
      why: t.questions[m.id]?.why ?? m.why,
      // Line by line: a command line has no translation and stays as it is.
      howToGet: m.howToGet.split("\n").map(tr).join("\n"),
    })),
    mitigations: analysis.mitigations.map((m) => {
      const w = t.mitigations[m.id];
      return w ? { ...m, title: fill(w.title), why: fill(w.why) } : m;
    }),
    verdict: {
      ...verdict,
      hypotheses: verdict.hypotheses.map(hypothesis),
      findings: verdict.findings.map(hypothesis),
      ruledOut: verdict.ruledOut.map((r) => ({ ...r, title: tr(r.title), because: tr(r.because) })),
      rival: verdict.rival ? { ...verdict.rival, title: tr(verdict.rival.title) } : null,
    },
  };
}
