import Mustache from "mustache";
import type { Redaction } from "./types.js";

/** One kind of secret in the notice, already counted and worded for the template. */
export interface NoticeKind {
  kind: string;
  title: string;
  /** `title` or its plural, to follow `count`. */
  noun: string;
  count: number;
  /** Exactly one secret of this kind (for "it" / "them"). */
  one: boolean;
  /** Distinct previews, each in backticks, comma-separated: "`AIza…[redacted]`". */
  previews: string;
  /** The same previews as a list, for renderers that set them as code themselves. */
  previewList: string[];
  rotate?: string;
  rotateHint?: string;
  /** Text before this kind in a running list: "", ", " or " and ". */
  sep: string;
}

/** The view `prompts/redaction-notice.md` is rendered with. */
export interface NoticeView {
  total: number;
  /** Exactly one secret in all. */
  one: boolean;
  /** Exactly one kind, so the template can use a one-line form. */
  singleKind: boolean;
  kinds: NoticeKind[];
}

/** Groups redactions by kind, in order of first appearance. */
export function noticeView(redactions: readonly Redaction[]): NoticeView {
  const byKind = new Map<string, { first: Redaction; count: number; previews: Set<string> }>();
  for (const r of redactions) {
    const entry = byKind.get(r.kind) ?? { first: r, count: 0, previews: new Set<string>() };
    entry.count += 1;
    entry.previews.add(r.preview);
    byKind.set(r.kind, entry);
  }
  const groups = [...byKind.values()];
  const kinds = groups.map(({ first, count, previews }, i): NoticeKind => {
    const title = first.title ?? first.kind;
    return {
      kind: first.kind,
      title,
      noun: count === 1 ? title : (first.titlePlural ?? `${title}s`),
      count,
      one: count === 1,
      previews: [...previews].map((p) => `\`${p}\``).join(", "),
      previewList: [...previews],
      ...(first.rotate ? { rotate: first.rotate } : {}),
      ...(first.rotateHint ? { rotateHint: first.rotateHint } : {}),
      sep: i === 0 ? "" : i === groups.length - 1 ? " and " : ", ",
    };
  });
  return {
    total: redactions.length,
    one: redactions.length === 1,
    singleKind: kinds.length === 1,
    kinds,
  };
}

/**
 * The Markdown notice telling a user which secrets were removed and where to rotate them, or ""
 * when nothing was redacted. `template` is the text of prompts/redaction-notice.md (mustache);
 * values are inserted as they are (Markdown, not HTML, so no escaping).
 */
export function renderRedactionNotice(redactions: readonly Redaction[], template: string): string {
  if (redactions.length === 0) return "";
  const rendered = Mustache.render(
    template,
    noticeView(redactions),
    {},
    { escape: (v) => String(v) },
  );
  return rendered
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
