import type { IssueForm } from "../../knowledge/issue-form.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import type { RedactedText, Redaction } from "../redact/types.js";
import type { IssueFingerprint } from "./fingerprint.js";

/** Why a report is drafted: the verdict, a known-issue match, or staff deciding so. */
export type IssueReason = "client_bug" | "provider_incident" | "known_issue" | "staff";

/** A known issue of the tool that matches the thread, as a link. */
export interface KnownIssueLink {
  id?: string;
  title: string;
  url: string;
}

export interface IssueReportOptions {
  kb: Knowledge;
  form: IssueForm;
  /** Link back to the help thread (Discord/Slack permalink). */
  threadUrl?: string | null;
  /** Known issues the caller already matched; the knowledge base's are matched as well. */
  knownIssues?: KnownIssueLink[];
  /** Defaults to what the analysis says (client_bug, provider_incident, known_issue), else staff. */
  reason?: IssueReason;
  /** A note from the staff member filing it; redacted like everything else. */
  staffNote?: string | null;
  /** Labels beyond the form's own. */
  labels?: string[];
}

/** A GitHub issue drafted from a thread: every text in it has been through `redact`. */
export interface IssueReport {
  title: RedactedText;
  /** The Markdown body as GitHub renders the form: `### <label>` sections in form order. */
  body: RedactedText;
  labels: string[];
  /** Form field id → value, as the pre-filled URL sends them. */
  fields: Record<string, RedactedText>;
  fingerprint: IssueFingerprint;
  /** The form file name, the URL's `template` parameter. */
  template: string;
  form: IssueForm;
  /** The field that carries the fingerprint lines; trimming keeps them whole. */
  fingerprintField: string | null;
  knownIssues: KnownIssueLink[];
  reason: IssueReason;
  /** Secrets the final pass still found and removed (normally none: evidence arrives redacted). */
  redactions: Redaction[];
}
