import type { IssueFormField, IssueSection } from "../../knowledge/issue-form.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import type { RedactedText } from "../redact/types.js";
import { fingerprintBlock, withFingerprint } from "./fingerprint-block.js";
import { renderIssueTemplate } from "./render-template.js";
import type { IssueReport } from "./types.js";

/**
 * Evidence goes first, the statement of the bug last: a maintainer can ask for logs, but a
 * report without its summary is closed as "too little data".
 */
export const TRIM_ORDER: readonly IssueSection[] = [
  "logs",
  "additional",
  "provider_setup",
  "impact",
  "steps",
  "actual",
  "expected",
  "summary",
];

export interface TrimResult {
  fields: Record<string, RedactedText>;
  /** Field ids that were shortened, in the order they were cut. */
  trimmed: string[];
}

/** Closes a fence the cut left open, so the rest of the body does not render as code. */
function closeFences(text: string): string {
  const fences = text.split("\n").filter((l) => /^\s*```/.test(l)).length;
  return fences % 2 === 1 ? `${text}\n\`\`\`` : text;
}

/**
 * Shortens evidence fields, whole lines at a time, until `fits` accepts the fields. The
 * fingerprint lines always stay whole, so a trimmed report is still found by the duplicate
 * search. Trimming only removes text, so the result stays redacted.
 */
export function trimFieldsToFit(
  report: IssueReport,
  kb: Knowledge,
  fits: (fields: Readonly<Record<string, string>>) => boolean,
  file: string,
): TrimResult {
  const fields: Record<string, string> = { ...report.fields };
  const trimmed: string[] = [];
  if (fits(fields)) return { fields: report.fields, trimmed };
  const block = fingerprintBlock(report.fingerprint, kb);
  /** Sets a field to its longest prefix of whole lines that fits beside the others as they are. */
  const shrink = (field: IssueFormField) => {
    const full = report.fields[field.id] ?? "";
    const hasBlock = field.id === report.fingerprintField && full.endsWith(block);
    const evidence = hasBlock ? full.slice(0, full.length - block.length).trimEnd() : full;
    const note = renderIssueTemplate(
      kb,
      "note",
      field.render ? { trimmedPlain: true, file } : { trimmed: true, file },
    );
    const compose = (kept: string) => {
      const text = kept ? `${closeFences(kept)}\n\n${note}` : note;
      return hasBlock ? withFingerprint(text, block) : text;
    };
    const lines = evidence.split("\n");
    // More lines never make the text shorter, so the longest fitting prefix is a binary search.
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      fields[field.id] = compose(lines.slice(0, mid).join("\n"));
      if (fits(fields)) lo = mid;
      else hi = mid - 1;
    }
    fields[field.id] = compose(lines.slice(0, lo).join("\n"));
  };
  const candidates = TRIM_ORDER.flatMap((section) =>
    report.form.fields.filter((f) => f.section === section && fields[f.id] !== undefined),
  );
  const cut: IssueFormField[] = [];
  for (const field of candidates) {
    shrink(field);
    cut.push(field);
    if (fits(fields)) break;
  }
  // Cutting a later field may have freed room: give it back to the earlier ones, in order.
  for (const field of cut.slice(0, -1)) shrink(field);
  return { fields: fields as Record<string, RedactedText>, trimmed: cut.map((f) => f.id) };
}
