import Mustache from "mustache";
import { trustedText } from "../core/redact/redact.js";
import type { RedactedText } from "../core/redact/types.js";
import type { Knowledge } from "../knowledge/knowledge.js";

/**
 * Renders prompts/<name>.md. The templates are ours and every value put in comes from redacted
 * thread text or our own data, so the result is redacted text. Markdown, not HTML: no escaping.
 */
export function renderPrompt(kb: Knowledge, name: string, view: object): RedactedText {
  const template = kb.prompts[name];
  if (template === undefined) throw new Error(`prompts/${name}.md is missing`);
  const text = Mustache.render(template, view, {}, { escape: (v: unknown) => String(v) });
  return trustedText(
    text
      .replace(/[ \t]+$/gm, "")
      .replace(/\n{3,}/g, "\n\n")
      .trim(),
  );
}

/** "a, b and c": lists in notices read as a sentence. */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** "The raw provider error" → "the raw provider error", to sit inside a sentence. */
export function asPhrase(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** Labels as one inline list ("the tool and its version and your tier or plan"), or null. */
export function labelList(labels: readonly string[]): string | null {
  return labels.length > 0 ? joinWords(labels.map(asPhrase)) : null;
}
