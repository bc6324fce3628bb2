import type { Knowledge } from "../../knowledge/knowledge.js";
import type { RedactedText } from "../redact/types.js";
import { trimFieldsToFit } from "./trim-fields.js";
import type { IssueReport } from "./types.js";

/**
 * GitHub answers 414 somewhere above 8 KB of URL, and some browsers and chat clients cut links
 * earlier; 8,000 characters keeps the whole link working.
 */
export const MAX_NEW_ISSUE_URL = 8000;

export interface NewIssueUrlOptions {
  /** "owner/name". */
  repo: string;
  /** The GitHub web origin: https://github.com, or a GitHub Enterprise host. */
  webUrl?: string;
  maxLength?: number;
  /** The name the full report is offered under when fields are trimmed. */
  fullReportFile?: string;
}

export interface NewIssueUrl {
  url: string;
  /** Field ids shortened to fit; empty when the whole report is in the link. */
  trimmed: string[];
  /** The fields the link carries (trimmed ones included), by field id. */
  fields: Record<string, RedactedText>;
}

export function fullReportFileName(report: IssueReport): string {
  return `issue-report-${report.fingerprint.id}.md`;
}

/**
 * encodeURIComponent leaves ( ) ' ! * alone; a ")" would end a Markdown link early, so the link
 * is safe to put inside `[text](url)` in a reply or a preview.
 */
function encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[()'!*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function buildUrl(
  base: string,
  report: IssueReport,
  fields: Readonly<Record<string, string>>,
): string {
  const params: Array<[string, string]> = [
    ["template", report.template],
    ["title", report.title],
  ];
  if (report.labels.length > 0) params.push(["labels", report.labels.join(",")]);
  for (const field of report.form.fields) {
    const value = fields[field.id];
    if (value !== undefined && value !== "") params.push([field.id, value]);
  }
  return `${base}?${params.map(([k, v]) => `${encode(k)}=${encode(v)}`).join("&")}`;
}

/**
 * The pre-filled "new issue" link: template, title, labels and one query parameter per form
 * field. When it would be too long, evidence fields are trimmed (see `trimFieldsToFit`) and say
 * where the full report is; the caller offers `report.body` as that file.
 */
export function newIssueUrl(
  report: IssueReport,
  kb: Knowledge,
  options: NewIssueUrlOptions,
): NewIssueUrl {
  const web = (options.webUrl ?? "https://github.com").replace(/\/+$/, "");
  const base = `${web}/${options.repo}/issues/new`;
  const max = options.maxLength ?? MAX_NEW_ISSUE_URL;
  const file = options.fullReportFile ?? fullReportFileName(report);
  const { fields, trimmed } = trimFieldsToFit(
    report,
    kb,
    (f) => buildUrl(base, report, f).length <= max,
    file,
  );
  return { url: buildUrl(base, report, fields), trimmed, fields };
}
