import Mustache from "mustache";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { Line } from "../model/reply-doc.js";
import { fillLine } from "./doc/phrases.js";

const RAW = { escape: (v: unknown) => String(v) };

/**
 * The language a reply is written in: the one forced for the channel, else the thread's own when
 * there are words for it (data/i18n/), else English.
 */
export function replyLanguage(kb: Knowledge, detected: string, forced?: string | null): string {
  const wanted = forced ?? detected;
  return wanted === "en" || kb.translations[wanted] ? wanted : "en";
}

/** prompts/<lang>/<name>.md when it exists, else the English prompts/<name>.md. */
export function promptFor(kb: Knowledge, name: string, lang: string): string {
  const text = kb.prompts[`${lang}/${name}`] ?? kb.prompts[name];
  if (text === undefined) throw new Error(`prompts/${name}.md is missing`);
  return text;
}

/** One phrase of data/i18n/<lang>.json (English when the language lacks it), filled in. */
export function say(kb: Knowledge, lang: string, key: string, view: object = {}): string {
  const text = kb.translations[lang]?.text[key] ?? kb.translations.en?.text[key];
  if (text === undefined) throw new Error(`data/i18n/en.json has no text "${key}"`);
  return Mustache.render(text, view, {}, RAW);
}

/** One phrase as styled spans: its `{{#strong}}`, `{{#tt}}`, `{{#del}}` sections set the style. */
export function sayLine(kb: Knowledge, lang: string, key: string, view: object = {}): Line {
  const text = kb.translations[lang]?.text[key] ?? kb.translations.en?.text[key];
  if (text === undefined) throw new Error(`data/i18n/en.json has no text "${key}"`);
  return fillLine(text, view);
}

/** A class's title and explanation in the reply's language. */
export function classWords(
  kb: Knowledge,
  lang: string,
  id: string,
): { title: string; explain: string } | null {
  const c = kb.classes.find((x) => x.id === id);
  if (!c) return null;
  const t = kb.translations[lang]?.classes[id];
  return { title: t?.title ?? c.title, explain: t?.explain ?? c.explain ?? "" };
}
