/**
 * Where the conversation files issue reports, as an interface: the engine drafts a preview and
 * confirms it, and never learns which tracker (GitHub's filer in src/github) does the work or how.
 * The shapes both sides speak live here, below the conversation and the filer alike.
 */
import type { NewIssueUrl } from "../core/issue-report/new-issue-url.js";
import type { IssueReport } from "../core/issue-report/types.js";
import type { RedactedText } from "../core/redact/types.js";

/** An issue as the filing flow needs it. */
export interface IssueSummary {
  number: number;
  title: string;
  url: string;
  state: "open" | "closed";
  createdAt: string;
  closedAt: string | null;
  /** Why it was closed: "completed" (fixed), "not_planned", or null while open or unknown. */
  stateReason?: string | null;
  body: string;
}

/** An existing issue the thread's evidence belongs on, and why it was matched. */
export interface DuplicateMatch {
  issue: IssueSummary;
  /** Sentences for the person deciding: "the same fingerprint …", "listed as a known issue …". */
  reasons: string[];
}

export interface PreviewInput {
  /** The conversation's thread key ("discord:<id>"); with the fingerprint, the idempotency key. */
  threadKey: string;
  report: IssueReport;
  threadUrl?: string | null;
}

export interface FiledIssue {
  action: "created" | "commented";
  issueNumber: number;
  url: string;
  /** True when this request had been done before: nothing new was written. */
  repeated: boolean;
}

export interface IssuePreview {
  /** Short, for button ids (Discord custom_id ≤ 100 characters). */
  id: string;
  threadKey: string;
  repo: string;
  report: IssueReport;
  /** The pre-filled "new issue" link; always there, token or not. */
  link: NewIssueUrl;
  /** The full Markdown, to attach as a file when the link was trimmed. */
  fullReport: { name: string; text: RedactedText };
  duplicates: DuplicateMatch[];
  /** What to offer first: add evidence to a duplicate, file it, only the link, or nothing. */
  suggested: "comment" | "create" | "link" | "already_filed";
  alreadyFiled: FiledIssue | null;
  /** Why the duplicate search did not run or failed, for the preview text. */
  searchProblem: string | null;
  threadUrl: string | null;
  createdAt: string;
}

export type ConfirmChoice = { action: "create" } | { action: "comment"; issueNumber?: number };

/** Files what the conversation drafted: find duplicates, then create an issue or comment on one. */
export interface IssueTracker {
  /** Searches for duplicates and keeps the preview for a while, to be confirmed by its id. */
  preview(input: PreviewInput): Promise<IssuePreview>;
  /** Files the previewed report once; an unknown or expired preview is `preview_expired`. */
  confirm(previewId: string, choice?: ConfirmChoice): Promise<FiledIssue>;
}

/**
 * How a tracker says a call failed: a code to branch on and a sentence to show. The conversation
 * tells the thread the sentence and offers the pre-filled link instead; on `preview_expired` it
 * drafts the preview again.
 */
export class IssueTrackerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "IssueTrackerError";
  }
}
