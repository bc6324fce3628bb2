import Mustache from "mustache";
import type { Knowledge } from "../../knowledge/knowledge.js";

/**
 * Renders prompts/issue-<name>.md. Values go in as they are (Markdown, not HTML); blank runs
 * that empty sections leave behind are folded so the body reads like a hand-written one.
 */
export function renderIssueTemplate(kb: Knowledge, name: string, view: object): string {
  const template = kb.prompts[`issue-${name}`];
  if (template === undefined) throw new Error(`prompts/issue-${name}.md is missing`);
  return Mustache.render(template, view, {}, { escape: (v: unknown) => String(v) })
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A template's output on one line, for titles and `input` fields. */
export function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}
