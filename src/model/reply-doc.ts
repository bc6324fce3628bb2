/**
 * The bot's reply as structure, not as text: each platform's renderer builds its own shape from
 * it (Markdown for the console and the stored report, Block Kit for Slack, message parts for
 * Discord), so nothing is rendered to Markdown and parsed back. Below render/ and store/ so a
 * stored reply action can carry it.
 */

/** A run of text; `text` is always literal (never markup): each renderer escapes it its way. */
export interface Span {
  text: string;
  style?: "bold" | "code" | "strike";
  /** A link: `text` is its label. */
  url?: string;
}

/** One line of a paragraph or list. */
export type Line = Span[];

export type DocBlock =
  /** A section's title, on a line of its own. */
  | { kind: "heading"; text: string }
  /** Lines of prose, one after the other. */
  | { kind: "lines"; lines: Line[] }
  /** A list: "-" items are bullets, numbered items keep their number. */
  | { kind: "list"; items: Array<{ marker: "-" | number; line: Line }> }
  /** A command or snippet to copy, shown as a code block and never cut in two. */
  | { kind: "code"; text: string };

/** A titled part of the reply ("What you can do now"); platforms split long replies between them. */
export interface DocSection {
  blocks: DocBlock[];
}

export interface ReplyDoc {
  sections: DocSection[];
}

export function span(text: string, style?: Span["style"]): Span {
  return style ? { text, style } : { text };
}

/** The text of a line without styles (fallback texts, notifications). */
export function plainLine(line: Line): string {
  return line.map((s) => s.text).join("");
}

/**
 * Text with no known structure (a reply stored before replies carried their structure) as one
 * section of literal lines: shown as written, never read as markup.
 */
export function plainDoc(text: string): ReplyDoc {
  const lines = text
    .trim()
    .split("\n")
    .map((l): Line => (l ? [{ text: l }] : []));
  return { sections: [{ blocks: [{ kind: "lines", lines }] }] };
}
