import { renderIssueTemplate } from "../core/issue-report/render-template.js";
import { redact } from "../core/redact/redact.js";
import type { RedactedText } from "../core/redact/types.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { IssuePreview } from "./issue-filer.js";

/**
 * The preview as Markdown (prompts/issue-preview.md): what would be filed, the duplicates and
 * why they matched, and the pre-filled link. Adapters add their buttons around it.
 */
export function renderIssuePreview(preview: IssuePreview, kb: Knowledge): RedactedText {
  const text = renderIssueTemplate(kb, "preview", {
    repo: preview.repo,
    title: preview.report.title,
    alreadyFiled: preview.alreadyFiled,
    hasDuplicates: preview.duplicates.length > 0,
    duplicates: preview.duplicates.map((d) => ({
      number: d.issue.number,
      title: d.issue.title,
      url: d.issue.url,
      state: d.issue.state,
      reasons: d.reasons.join("; "),
    })),
    noDuplicates:
      preview.duplicates.length === 0 && !preview.searchProblem && !preview.alreadyFiled,
    fingerprint: preview.report.fingerprint.id,
    searchProblem: preview.searchProblem,
    link: preview.link.url,
    trimmed: preview.link.trimmed.length > 0,
    file: preview.fullReport.name,
  });
  // Issue titles found on GitHub are not ours: they go through the choke point like the rest.
  return redact(text, kb.secretRules).text;
}
