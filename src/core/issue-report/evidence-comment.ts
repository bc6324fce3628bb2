import type { IssueSection } from "../../knowledge/issue-form.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import { redact } from "../redact/redact.js";
import type { RedactedText } from "../redact/types.js";
import { fitIssueBody, MAX_BODY } from "./fit-body.js";
import { renderIssueTemplate } from "./render-template.js";
import type { IssueReport } from "./types.js";

/** What a maintainer needs from a second report: what happened and the proof, not the form again. */
const EVIDENCE_SECTIONS: ReadonlySet<IssueSection> = new Set([
  "version",
  "model",
  "provider_chain",
  "steps",
  "actual",
  "provider_setup",
  "logs",
  "additional",
]);

export interface EvidenceCommentOptions {
  /** Why the thread was matched to the issue, worded for people ("the same fingerprint …"). */
  reasons: string[];
  threadUrl?: string | null;
  file: string;
}

/** The "add your evidence there" comment for an existing issue: summary, then evidence folded. */
export function buildEvidenceComment(
  report: IssueReport,
  kb: Knowledge,
  options: EvidenceCommentOptions,
): RedactedText {
  const form = {
    ...report.form,
    fields: report.form.fields.filter(
      (f) => f.section !== null && EVIDENCE_SECTIONS.has(f.section) && report.fields[f.id],
    ),
  };
  const summaryField = report.form.fields.find((f) => f.section === "summary");
  const evidence = fitIssueBody({ ...report, form }, kb, options.file, MAX_BODY - 4000);
  const text = renderIssueTemplate(kb, "comment", {
    threadUrl: options.threadUrl ?? null,
    reasons: options.reasons.join("; "),
    summary: summaryField ? (report.fields[summaryField.id] ?? "") : "",
    evidence,
  });
  return redact(text, kb.secretRules).text;
}
