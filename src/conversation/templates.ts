import type { MissingInfo } from "../core/missing.js";
import { trustedText } from "../core/redact/redact.js";
import type { RedactedText } from "../core/redact/types.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { plainDoc, type ReplyDoc } from "../model/reply-doc.js";
import { markedDoc, markedMarkdown, tidyMarked } from "../render/doc/notice-doc.js";
import { fillMarked } from "../render/doc/phrases.js";
import { promptFor } from "../render/words.js";

/**
 * Renders prompts/<name>.md (prompts/<lang>/<name>.md when the language has it) to text with
 * style marks (`{{#strong}}`, `{{#tt}}`, `{{#del}}`, `{{#a}}` for links; see render/doc/phrases.ts).
 * Values are inserted as literal text; a marked text rendered here may go inside another
 * template with triple braces (`{{{summary}}}`) and keeps its styles.
 */
export function renderMarked(kb: Knowledge, name: string, view: object, lang = "en"): string {
  return tidyMarked(fillMarked(promptFor(kb, name, lang), view));
}

/**
 * A prompt as Markdown (the console, GitHub, stored texts). The templates are ours and every
 * value put in comes from redacted thread text or our own data, so the result is redacted text.
 */
export function renderPrompt(kb: Knowledge, name: string, view: object, lang = "en"): RedactedText {
  return trustedText(markedMarkdown(renderMarked(kb, name, view, lang)));
}

/**
 * A message from the bot (notice, private answer, staff alert): its Markdown for the console and
 * the store, and its structure, which Slack and Discord render straight to their own shapes.
 */
export interface RenderedNotice {
  text: RedactedText;
  doc: ReplyDoc;
}

/** A sentence of our own with no styles, as a notice (the same literal text on every platform). */
export function plainNotice(text: string): RenderedNotice {
  return { text: trustedText(text), doc: plainDoc(text) };
}

export function renderNotice(
  kb: Knowledge,
  name: string,
  view: object,
  lang = "en",
): RenderedNotice {
  const marked = renderMarked(kb, name, view, lang);
  return { text: trustedText(markedMarkdown(marked)), doc: markedDoc(marked) };
}

/** "a, b and c": lists in notices read as a sentence; other languages join with their own words. */
export function joinWords(items: readonly string[], and = " and ", comma = ", "): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(comma)}${and}${items.at(-1)}`;
}

/** "The raw provider error" → "the raw provider error", to sit inside a sentence. */
export function asPhrase(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** Labels as one inline list ("the tool and its version and your tier or plan"), or null. */
export function labelList(labels: readonly string[]): string | null {
  return labels.length > 0 ? joinWords(labels.map(asPhrase)) : null;
}

/** Questions' labels as one inline list in the reply's language, or null. */
export function questionList(
  kb: Knowledge,
  questions: readonly MissingInfo[],
  lang: string,
): string | null {
  if (lang === "en" || !kb.translations[lang]) return labelList(questions.map((m) => m.label));
  const t = kb.translations[lang];
  const labels = questions.map((m) => t?.questions[m.id]?.label ?? m.label);
  if (labels.length === 0) return null;
  // CJK lists read without capitals or spaces around the separators.
  const cjk = lang === "zh" || lang === "ja";
  return joinWords(
    labels.map((l) => (cjk ? l : asPhrase(l))),
    t?.text.and ?? " and ",
    cjk ? "、" : ", ",
  );
}
