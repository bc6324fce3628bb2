import type { Analysis } from "../analyze.js";
import { redact } from "../redact/redact.js";
import type { RedactedText, Redaction } from "../redact/types.js";
import type { Thread } from "../thread.js";
import { issueFingerprint } from "./fingerprint.js";
import { fingerprintBlock, fingerprintFieldOf, withFingerprint } from "./fingerprint-block.js";
import { matchKnownIssues } from "./known-issues.js";
import { renderIssueBody } from "./render-body.js";
import { oneLine, renderIssueTemplate } from "./render-template.js";
import { fitFieldType, sectionText } from "./sections.js";
import type { IssueReason, IssueReport, IssueReportOptions, KnownIssueLink } from "./types.js";
import { issueView } from "./view.js";

/** GitHub allows 256 characters; shorter titles survive search result lists. */
const MAX_TITLE = 160;

function defaultReason(analysis: Analysis, knownIssues: readonly KnownIssueLink[]): IssueReason {
  // An incident's provider_incident is the cluster's, not this thread's finding about the tool.
  const c = analysis.incident ? analysis.verdict.underlyingClass : analysis.verdict.errorClass;
  if (c === "client_bug" || c === "provider_incident") return c;
  return knownIssues.length > 0 ? "known_issue" : "staff";
}

function uniqueLinks(links: readonly KnownIssueLink[]): KnownIssueLink[] {
  const seen = new Set<string>();
  return links.filter((l) => !seen.has(l.url) && seen.add(l.url));
}

/**
 * Drafts a GitHub issue from a triaged thread, in the sections of the target repository's form.
 * Pure: the caller passes the knowledge, the form and the thread's link. Every text goes through
 * `redact` once more at the end, so nothing unredacted reaches a title, a field or the body even
 * when a template or an option carries thread text.
 */
export function buildIssueReport(
  analysis: Analysis,
  thread: Thread,
  options: IssueReportOptions,
): IssueReport {
  const { kb, form } = options;
  const knownIssues = uniqueLinks([
    ...(options.knownIssues ?? []),
    ...matchKnownIssues(analysis, kb),
  ]);
  const reason = options.reason ?? defaultReason(analysis, knownIssues);
  const redactions: Redaction[] = [];
  const clean = (text: string): RedactedText => {
    const result = redact(text, kb.secretRules);
    redactions.push(...result.redactions);
    return result.text;
  };
  const view = issueView({
    analysis,
    thread,
    kb,
    reason,
    knownIssues,
    threadUrl: options.threadUrl ?? null,
    staffNote: options.staffNote ? oneLine(options.staffNote, 500) : null,
  });
  const fingerprint = issueFingerprint(analysis);
  const fingerprintField = fingerprintFieldOf(form);

  const raw: Record<string, string> = {};
  for (const field of form.fields) {
    if (field.section === null) continue;
    const value = sectionText(field.section, field, analysis, view, kb);
    if (value !== null && value.trim() !== "") raw[field.id] = fitFieldType(field, value);
  }
  if (fingerprintField)
    raw[fingerprintField] = withFingerprint(
      raw[fingerprintField],
      fingerprintBlock(fingerprint, kb),
    );

  const fields: Record<string, RedactedText> = {};
  for (const [id, value] of Object.entries(raw)) fields[id] = clean(value);
  const title = clean(
    `${form.titlePrefix}${oneLine(renderIssueTemplate(kb, "title", view), MAX_TITLE)}`,
  );
  const body = clean(renderIssueBody(form, fields, kb));
  return {
    title,
    body,
    labels: [...new Set([...form.labels, ...(options.labels ?? [])])],
    fields,
    fingerprint,
    template: form.template,
    form,
    fingerprintField,
    knownIssues,
    reason,
    redactions,
  };
}
