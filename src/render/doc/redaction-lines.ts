import { noticeView } from "../../core/redact/notice.js";
import type { Redaction } from "../../core/redact/types.js";
import type { Line } from "../../model/reply-doc.js";
import { clean, fillLines, marked } from "./phrases.js";

/**
 * The notice about removed secrets (prompts/redaction-notice.md) as lines, with each preview set
 * as code by the renderer rather than by backticks in the text. An empty line parts paragraphs.
 */
export function redactionLines(redactions: readonly Redaction[], template: string): Line[] {
  if (redactions.length === 0) return [];
  const view = noticeView(redactions);
  // Every value is cleaned here, so the previews' code marks are the only ones that get in.
  const kinds = view.kinds.map((k) => ({
    ...k,
    title: clean(k.title),
    noun: clean(k.noun),
    ...(k.rotate ? { rotate: clean(k.rotate) } : {}),
    ...(k.rotateHint ? { rotateHint: clean(k.rotateHint) } : {}),
    previews: k.previewList.map((p) => marked(p, "code")).join(", "),
  }));
  // Paragraphs stay apart by one empty line, as the Markdown notice always had them.
  const lines = fillLines(template, { ...view, kinds }, true).map(trimEnd);
  return lines.filter(
    (line, i) =>
      line.length > 0 || (i > 0 && (lines[i - 1]?.length ?? 0) > 0 && i < lines.length - 1),
  );
}

/** Drops trailing blanks (the template's line ends), as the Markdown notice always did. */
function trimEnd(line: Line): Line {
  const out = [...line];
  const last = out.at(-1);
  if (last && !last.style && !last.url) {
    const text = last.text.replace(/[ \t]+$/, "");
    if (text) out[out.length - 1] = { ...last, text };
    else out.pop();
  }
  return out;
}
