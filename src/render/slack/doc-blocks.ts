import type { DocSection, Line, ReplyDoc, Span } from "../../model/reply-doc.js";
import { type Block, clip, preformatted, section } from "./block-kit.js";
import { splitText } from "./fit-blocks.js";
import { escapeMrkdwn, link } from "./mrkdwn.js";

/**
 * The reply's structure as Block Kit, built directly (no Markdown in between): each section's
 * heading, lines and lists become mrkdwn `section` blocks, each command or snippet a rich-text
 * code block, so commands copy cleanly. Text is escaped for mrkdwn (`&`, `<`, `>`) wherever it
 * came from, so pasted text cannot form links or `<!channel>` pings.
 */
export function spanMrkdwn(span: Span): string {
  if (span.url) return link(span.url, span.text);
  const text = escapeMrkdwn(span.text);
  if (span.style === "bold") return `*${text}*`;
  // A backtick inside would end the code span early.
  if (span.style === "code") return `\`${text.replace(/`/g, "ˋ")}\``;
  if (span.style === "strike") return `~${text}~`;
  return text;
}

export function lineMrkdwn(line: Line): string {
  return line.map(spanMrkdwn).join("");
}

function sectionBlocks(part: DocSection): Block[] {
  const blocks: Block[] = [];
  let text: string[] = [];
  const flush = () => {
    const joined = text.join("\n").trim();
    text = [];
    if (joined) for (const piece of splitText(joined)) blocks.push(section(piece));
  };
  for (const block of part.blocks) {
    switch (block.kind) {
      case "heading":
        text.push(`*${escapeMrkdwn(block.text)}*`);
        break;
      case "lines":
        text.push(...block.lines.map(lineMrkdwn));
        break;
      case "list":
        text.push(
          ...block.items.map(
            (i) => `${i.marker === "-" ? "•" : `${i.marker}.`} ${lineMrkdwn(i.line)}`,
          ),
        );
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

/** All sections as blocks, in order. */
export function docToBlocks(doc: ReplyDoc): Block[] {
  return doc.sections.flatMap(sectionBlocks);
}

/** Slack shows the fallback in notifications; one line is what fits there. */
const FALLBACK_CHARS = 300;

/** The notification text: the reply's first line that says something, in mrkdwn. */
export function docFallback(doc: ReplyDoc): string {
  for (const part of doc.sections)
    for (const block of part.blocks) {
      if (block.kind === "heading") return clip(`*${escapeMrkdwn(block.text)}*`, FALLBACK_CHARS);
      if (block.kind === "lines") {
        const first = block.lines.find((l) => l.some((s) => s.text.trim()));
        if (first) return clip(lineMrkdwn(first).trim(), FALLBACK_CHARS);
      }
      if (block.kind === "list" && block.items[0])
        return clip(lineMrkdwn(block.items[0].line).trim(), FALLBACK_CHARS);
    }
  return "Rate-limit triage";
}
