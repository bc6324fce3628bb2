import type { DocBlock, DocSection, Line, ReplyDoc } from "../../model/reply-doc.js";
import { lineMarkdown } from "../markdown/doc-markdown.js";
import { spansOf } from "./phrases.js";

/**
 * A notice's template, filled with style marks (see phrases.ts), as structure: the template's
 * own layout decides it (a blank line starts a section, a line the template starts with "- " or
 * "1. " is a list item, any other line is prose), and every value stays literal text, so a pasted
 * `*`, `<` or backtick is never read as markup by any platform.
 */

/** Trailing spaces off, at most one blank line in a row, nothing around: what the templates mean. */
export function tidyMarked(text: string): string {
  return text
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const BULLET = /^- /;
const NUMBERED = /^(\d+)\. /;

function sectionOf(lines: string[]): DocSection {
  const blocks: DocBlock[] = [];
  for (const raw of lines) {
    const bullet = BULLET.test(raw);
    const number = NUMBERED.exec(raw);
    const last = blocks.at(-1);
    if (bullet || number) {
      const item = {
        marker: number ? Number(number[1]) : ("-" as const),
        line: spansOf(raw.slice(number ? number[0].length : 2)),
      };
      if (last?.kind === "list") last.items.push(item);
      else blocks.push({ kind: "list", items: [item] });
      continue;
    }
    const line: Line = spansOf(raw);
    if (last?.kind === "lines") last.lines.push(line);
    else blocks.push({ kind: "lines", lines: [line] });
  }
  return { blocks };
}

/** Marked text (a filled template) as a doc: sections at blank lines. */
export function markedDoc(marked: string): ReplyDoc {
  const sections: DocSection[] = [];
  let current: string[] = [];
  for (const line of tidyMarked(marked).split("\n")) {
    if (line.trim() === "") {
      if (current.length > 0) sections.push(sectionOf(current));
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) sections.push(sectionOf(current));
  return { sections };
}

/** Marked text as Markdown, line for line (the console, GitHub and the stored text). */
export function markedMarkdown(marked: string): string {
  return tidyMarked(marked)
    .split("\n")
    .map((line) => lineMarkdown(spansOf(line)))
    .join("\n");
}

/** The doc with `fix` applied to every text and link (redaction of a message built from it). */
export function mapDocText(doc: ReplyDoc, fix: (text: string) => string): ReplyDoc {
  const line = (l: Line): Line =>
    l.map((s) => ({ ...s, text: fix(s.text), ...(s.url ? { url: fix(s.url) } : {}) }));
  const block = (b: DocBlock): DocBlock => {
    switch (b.kind) {
      case "heading":
      case "code":
        return { ...b, text: fix(b.text) };
      case "lines":
        return { ...b, lines: b.lines.map(line) };
      case "list":
        return { ...b, items: b.items.map((i) => ({ ...i, line: line(i.line) })) };
    }
  };
  return { sections: doc.sections.map((s) => ({ blocks: s.blocks.map(block) })) };
}
