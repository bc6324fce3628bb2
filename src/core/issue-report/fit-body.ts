import type { Knowledge } from "../../knowledge/knowledge.js";
import type { RedactedText } from "../redact/types.js";
import { renderIssueBody } from "./render-body.js";
import { trimFieldsToFit } from "./trim-fields.js";
import type { IssueReport } from "./types.js";

/** GitHub refuses issue and comment bodies over 65,536 characters; leave room for our markers. */
export const MAX_BODY = 65_000;

/** The form's body for `report.fields` (a sub-form gives a partial body), trimmed like the link when a thread's evidence would exceed GitHub's limit. */
export function fitIssueBody(
  report: IssueReport,
  kb: Knowledge,
  file: string,
  max = MAX_BODY,
): RedactedText {
  const full = renderIssueBody(report.form, report.fields, kb);
  // Fields are redacted and the template adds none of the thread's text.
  if (full.length <= max) return full as RedactedText;
  const { fields } = trimFieldsToFit(
    report,
    kb,
    (f) => renderIssueBody(report.form, f, kb).length <= max,
    file,
  );
  // Trimming only drops text from redacted fields.
  return renderIssueBody(report.form, fields, kb) as RedactedText;
}
