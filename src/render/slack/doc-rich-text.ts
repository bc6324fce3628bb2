import type { DocBlock, DocSection, Line, ReplyDoc } from "../../model/reply-doc.js";
import {
  type Block,
  LIMITS,
  preformatted,
  type RichElement,
  type RichList,
  type RichSection,
} from "./block-kit.js";

/**
 * A notice's structure as Slack rich text. mrkdwn has no way to escape `*`, `_`, `~` or a
 * backtick, so a name or error someone pasted could turn into bold or code there; in rich text
 * every text element is literal and the styles are fields of the structure. Commands and
 * snippets stay rich-text code blocks.
 */
type RichPart = RichSection | RichList;

function elements(line: Line): RichElement[] {
  return line.flatMap((span): RichElement[] => {
    if (!span.text) return [];
    if (span.url && /^https?:\/\//.test(span.url))
      return [{ type: "link", url: span.url, text: span.text }];
    const style =
      span.style === "bold"
        ? { bold: true as const }
        : span.style === "code"
          ? { code: true as const }
          : span.style === "strike"
            ? { strike: true as const }
            : undefined;
    return [style ? { type: "text", text: span.text, style } : { type: "text", text: span.text }];
  });
}

/** Lines as one rich-text paragraph, a newline between them. */
function paragraph(lines: Line[]): RichSection {
  const out: RichElement[] = [];
  lines.forEach((line, i) => {
    if (i > 0) out.push({ type: "text", text: "\n" });
    out.push(...elements(line));
  });
  return { type: "rich_text_section", elements: out };
}

function list(block: Extract<DocBlock, { kind: "list" }>): RichList[] {
  // Slack lists are either bullets or numbers: a run of each kind becomes a list of its own.
  const lists: RichList[] = [];
  for (const item of block.items) {
    const style = item.marker === "-" ? "bullet" : "ordered";
    let last = lists.at(-1);
    if (last?.style !== style) {
      last = {
        type: "rich_text_list",
        style,
        ...(typeof item.marker === "number" && item.marker > 1 ? { offset: item.marker - 1 } : {}),
        elements: [],
      };
      lists.push(last);
    }
    last.elements.push({ type: "rich_text_section", elements: elements(item.line) });
  }
  return lists;
}

function textLength(part: RichPart): number {
  const sections = part.type === "rich_text_list" ? part.elements : [part];
  return sections
    .flatMap((s) => s.elements)
    .reduce((n, e) => n + (e.type === "user" ? 0 : e.text.length), 0);
}

/** A paragraph longer than a block holds, cut between lines (a single overlong line is clipped). */
function fitParagraph(lines: Line[]): RichSection[] {
  const out: RichSection[] = [];
  let current: Line[] = [];
  for (const line of lines) {
    const next = paragraph([...current, line]);
    if (current.length > 0 && textLength(next) > LIMITS.preformatted) {
      out.push(paragraph(current));
      current = [];
    }
    current.push(line);
  }
  if (current.length > 0) out.push(paragraph(current));
  return out.map((p) => (textLength(p) <= LIMITS.preformatted ? p : clipSection(p)));
}

function clipSection(section: RichSection): RichSection {
  let room = LIMITS.preformatted - 1;
  const kept: RichElement[] = [];
  for (const e of section.elements) {
    if (e.type === "user") kept.push(e);
    else if (room > 0) {
      const text = e.text.slice(0, room);
      room -= text.length;
      kept.push({ ...e, text });
    }
  }
  kept.push({ type: "text", text: "…" });
  return { type: "rich_text_section", elements: kept };
}

function sectionBlocks(part: DocSection): Block[] {
  const blocks: Block[] = [];
  let parts: RichPart[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length > 0) blocks.push({ type: "rich_text", elements: parts });
    parts = [];
    size = 0;
  };
  const add = (p: RichPart) => {
    if (textLength(p) === 0) return;
    if (size + textLength(p) > LIMITS.preformatted) flush();
    parts.push(p);
    size += textLength(p);
  };
  for (const block of part.blocks) {
    switch (block.kind) {
      case "heading":
        add(paragraph([[{ text: block.text, style: "bold" }]]));
        break;
      case "lines":
        for (const p of fitParagraph(block.lines)) add(p);
        break;
      case "list":
        for (const l of list(block)) add(l);
        break;
      case "code":
        flush();
        blocks.push(preformatted(block.text));
        break;
    }
  }
  flush();
  return blocks;
}

/**
 * The doc as rich-text blocks, a section per block; `mention` (a Slack user id) opens the first
 * paragraph as a real mention.
 */
export function docToRichText(doc: ReplyDoc, mention?: string): Block[] {
  const blocks = doc.sections.flatMap(sectionBlocks);
  if (!mention) return blocks;
  const ping: RichElement[] = /^[UW][A-Z0-9]{2,}$/.test(mention)
    ? [
        { type: "user", user_id: mention },
        { type: "text", text: " " },
      ]
    : [{ type: "text", text: `${mention} ` }];
  const first = blocks[0];
  const opening = first?.type === "rich_text" ? first.elements[0] : undefined;
  if (opening?.type === "rich_text_section") opening.elements.unshift(...ping);
  else
    blocks.unshift({
      type: "rich_text",
      elements: [{ type: "rich_text_section", elements: ping }],
    });
  return blocks;
}
