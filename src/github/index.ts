/** Filing issue reports on GitHub: Octokit with throttling and retry, duplicate search, idempotent filing. */
export { createGitHubOctokit, type GitHubClientConfig, GitHubOctokit } from "./client.js";
export { GitHubError, type GitHubErrorCode, toGitHubError } from "./errors.js";
export { type DuplicateMatch, findDuplicates, RECENT_DAYS } from "./find-duplicates.js";
export {
  type ConfirmChoice,
  type FiledIssue,
  IssueFiler,
  type IssueFilerOptions,
  type IssuePreview,
  type PreviewInput,
} from "./issue-filer.js";
export {
  type CommentSummary,
  type GitHubIssuesApi,
  type IssueSummary,
  octokitIssuesApi,
} from "./issues-api.js";
export {
  type IssueLedger,
  type IssueLedgerRecord,
  issueRequestKey,
  MemoryIssueLedger,
  requestMarker,
} from "./ledger.js";
export { DEFAULT_RATE_LIMIT_POLICY, type RateLimitPolicy } from "./rate-limit-policy.js";
export { renderIssuePreview } from "./render-preview.js";
export { parseRepo, type RepoRef, repoSlug, webUrlFor } from "./repo-ref.js";
export { createIssueFiler, type GitHubSettings } from "./setup.js";
