import Mustache from "mustache";
import type { Line, Span } from "../../model/reply-doc.js";

/**
 * Styled phrases without Markdown: a phrase marks its styles with Mustache sections
 * (`{{#strong}}…{{/strong}}`, `{{#tt}}…{{/tt}}`, `{{#del}}…{{/del}}`; a link as
 * `{{#a}}{{url}} label{{/a}}`, the URL up to the first space), which render to private-use
 * marks that are cut into spans here. Values can never carry a mark (they are cleaned as they
 * are inserted), so text someone typed is never read as style.
 */
const OPEN = { bold: "\uE000", code: "\uE001", strike: "\uE002" } as const;
const CLOSE = "\uE003";
/** A link: its URL follows, then LABEL and the label up to CLOSE. */
const LINK = "\uE004";
const LABEL = "\uE005";
const MARKS = /[\uE000-\uE005]/g;

/** A value as inserted: literal text with no marks in it. */
export function clean(value: unknown): string {
  return String(value).replace(MARKS, "");
}

function wrap(style: keyof typeof OPEN) {
  return () => (text: string, render: (t: string) => string) =>
    `${OPEN[style]}${render(text)}${CLOSE}`;
}

function wrapLink() {
  return (text: string, render: (t: string) => string) => {
    const inner = render(text);
    const at = inner.search(/\s/);
    // No label: the URL is its own label.
    const [url, label] = at < 0 ? [inner, inner] : [inner.slice(0, at), inner.slice(at + 1)];
    return `${LINK}${url}${LABEL}${label}${CLOSE}`;
  };
}

const STYLES = {
  strong: wrap("bold"),
  tt: wrap("code"),
  del: wrap("strike"),
  a: wrapLink,
};

/** Literal text wrapped in a mark, for a value that is itself styled (a code span in a list). */
export function marked(text: string, style: keyof typeof OPEN): string {
  return `${OPEN[style]}${clean(text)}${CLOSE}`;
}

/** Cuts rendered text into spans at the marks. */
export function spansOf(text: string): Span[] {
  const spans: Span[] = [];
  let style: Span["style"] | undefined;
  /** Inside a link: its URL while `label` is false, then its label. */
  let link: { url: string; label: boolean } | null = null;
  let current = "";
  const flush = () => {
    if (link) {
      if (current) spans.push({ text: current, url: link.url });
    } else if (current) spans.push(style ? { text: current, style } : { text: current });
    current = "";
  };
  for (const ch of text) {
    const opened = (Object.keys(OPEN) as Array<keyof typeof OPEN>).find((k) => OPEN[k] === ch);
    if (opened) {
      flush();
      link = null;
      style = opened;
    } else if (ch === LINK) {
      flush();
      style = undefined;
      link = { url: "", label: false };
    } else if (ch === LABEL && link && !link.label) {
      link = { url: current, label: true };
      current = "";
    } else if (ch === CLOSE) {
      flush();
      style = undefined;
      link = null;
    } else current += ch;
  }
  flush();
  return spans;
}

/**
 * Renders a phrase or template to text with style marks (cut it with `spansOf`). `premarked`:
 * the view's values were cleaned and marked by the caller (see `marked`), so they go in as given.
 * A value set with triple braces (`{{{summary}}}`) goes in as given too: a marked text rendered
 * by `fillMarked` keeps its styles inside another template.
 */
export function fillMarked(template: string, view: object, premarked = false): string {
  const insert = premarked ? (v: unknown) => String(v) : clean;
  return Mustache.render(template, { ...STYLES, ...view }, {}, { escape: insert });
}

/** Renders a phrase or template to lines of spans (one per line of the result). */
export function fillLines(template: string, view: object, premarked = false): Line[] {
  return fillMarked(template, view, premarked).split("\n").map(spansOf);
}

/** A one-line phrase as spans. */
export function fillLine(template: string, view: object): Line {
  return fillLines(template, view).flat();
}
