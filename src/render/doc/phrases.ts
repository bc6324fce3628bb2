import Mustache from "mustache";
import type { Line, Span } from "../../model/reply-doc.js";

/**
 * Styled phrases without Markdown: a phrase marks its styles with Mustache sections
 * (`{{#strong}}…{{/strong}}`, `{{#tt}}…{{/tt}}`, `{{#del}}…{{/del}}`), which render to private-use
 * marks that are cut into spans here. Values can never carry a mark (they are cleaned as they
 * are inserted), so text someone typed is never read as style.
 */
const OPEN = { bold: "\uE000", code: "\uE001", strike: "\uE002" } as const;
const CLOSE = "\uE003";
const MARKS = /[\uE000-\uE003]/g;

/** A value as inserted: literal text with no marks in it. */
export function clean(value: unknown): string {
  return String(value).replace(MARKS, "");
}

function wrap(style: keyof typeof OPEN) {
  return () => (text: string, render: (t: string) => string) =>
    `${OPEN[style]}${render(text)}${CLOSE}`;
}

const STYLES = { strong: wrap("bold"), tt: wrap("code"), del: wrap("strike") };

/** Literal text wrapped in a mark, for a value that is itself styled (a code span in a list). */
export function marked(text: string, style: keyof typeof OPEN): string {
  return `${OPEN[style]}${clean(text)}${CLOSE}`;
}

/** Cuts rendered text into spans at the marks. */
export function spansOf(text: string): Span[] {
  const spans: Span[] = [];
  let style: Span["style"] | undefined;
  let current = "";
  const flush = () => {
    if (current) spans.push(style ? { text: current, style } : { text: current });
    current = "";
  };
  for (const ch of text) {
    const opened = (Object.keys(OPEN) as Array<keyof typeof OPEN>).find((k) => OPEN[k] === ch);
    if (opened) {
      flush();
      style = opened;
    } else if (ch === CLOSE) {
      flush();
      style = undefined;
    } else current += ch;
  }
  flush();
  return spans;
}

/**
 * Renders a phrase or template to lines of spans (one per line of the result). `premarked`:
 * the view's values were cleaned and marked by the caller (see `marked`), so they go in as given.
 */
export function fillLines(template: string, view: object, premarked = false): Line[] {
  const insert = premarked ? (v: unknown) => String(v) : clean;
  const text = Mustache.render(template, { ...STYLES, ...view }, {}, { escape: insert });
  return text.split("\n").map(spansOf);
}

/** A one-line phrase as spans. */
export function fillLine(template: string, view: object): Line {
  return fillLines(template, view).flat();
}
