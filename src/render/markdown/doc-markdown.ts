import type { DocBlock, DocSection, Line, ReplyDoc, Span } from "../../model/reply-doc.js";

/**
 * The reply as Markdown, for the console, the stored report and GitHub. Text is set as it is:
 * these readers show Markdown as the engine always wrote it.
 */
export function spanMarkdown(span: Span): string {
  if (span.url) return `[${span.text}](${span.url})`;
  if (span.style === "bold") return `**${span.text}**`;
  if (span.style === "code") return `\`${span.text}\``;
  if (span.style === "strike") return `~~${span.text}~~`;
  return span.text;
}

export function lineMarkdown(line: Line): string {
  return line.map(spanMarkdown).join("");
}

function blockMarkdown(block: DocBlock): string {
  switch (block.kind) {
    case "heading":
      return `**${block.text}**`;
    case "lines":
      return block.lines.map(lineMarkdown).join("\n");
    case "list":
      return block.items
        .map((i) => `${i.marker === "-" ? "-" : `${i.marker}.`} ${lineMarkdown(i.line)}`)
        .join("\n");
    case "code":
      return `\`\`\`\n${block.text}\n\`\`\``;
  }
}

export function sectionMarkdown(section: DocSection): string {
  return section.blocks
    .map(blockMarkdown)
    .filter((b) => b !== "")
    .join("\n");
}

/** Sections apart by a blank line, blocks within a section line by line. */
export function docToMarkdown(doc: ReplyDoc): string {
  const text = doc.sections
    .map(sectionMarkdown)
    .filter((s) => s.trim() !== "")
    .join("\n\n");
  return `${text}\n`;
}
