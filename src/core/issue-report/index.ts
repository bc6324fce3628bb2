/** Drafting GitHub issues from triaged threads: pure, no I/O. */
export { buildIssueReport } from "./build-report.js";
export { buildEvidenceComment, type EvidenceCommentOptions } from "./evidence-comment.js";
export {
  describeFingerprint,
  fingerprintIn,
  type IssueFingerprint,
  issueFingerprint,
} from "./fingerprint.js";
export { fitIssueBody, MAX_BODY } from "./fit-body.js";
export { matchKnownIssues, shouldOfferIssue } from "./known-issues.js";
export { modelFamily } from "./model-family.js";
export {
  fullReportFileName,
  MAX_NEW_ISSUE_URL,
  type NewIssueUrl,
  type NewIssueUrlOptions,
  newIssueUrl,
} from "./new-issue-url.js";
export { renderIssueBody } from "./render-body.js";
export type { IssueReason, IssueReport, IssueReportOptions, KnownIssueLink } from "./types.js";
