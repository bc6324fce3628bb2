import type { IssueSummary } from "../model/issue-tracker.js";
import type { GitHubOctokit } from "./client.js";
import { toGitHubError } from "./errors.js";
import { type RepoRef, repoSlug } from "./repo-ref.js";

export type { IssueSummary };

export interface CommentSummary {
  id: number;
  url: string;
  body: string;
}

/**
 * The few GitHub calls issue filing makes, behind a port so the flow does not know Octokit.
 * Every method throws GitHubError.
 */
export interface GitHubIssuesApi {
  readonly repo: RepoRef;
  /** GET /search/issues; pull requests are dropped. */
  search(query: string): Promise<IssueSummary[]>;
  getIssue(issueNumber: number): Promise<IssueSummary | null>;
  createIssue(input: { title: string; body: string; labels: string[] }): Promise<IssueSummary>;
  createComment(issueNumber: number, body: string): Promise<CommentSummary>;
  /** Issues updated since `since`, newest first: a consistent read, unlike the search index. */
  recentIssues(since: Date): Promise<IssueSummary[]>;
  comments(issueNumber: number, since: Date): Promise<CommentSummary[]>;
}

interface RawIssue {
  number: number;
  title: string;
  html_url: string;
  state: string;
  created_at: string;
  closed_at?: string | null;
  state_reason?: string | null;
  body?: string | null;
  pull_request?: unknown;
}

function summary(issue: RawIssue): IssueSummary {
  return {
    number: issue.number,
    title: issue.title,
    url: issue.html_url,
    state: issue.state === "closed" ? "closed" : "open",
    createdAt: issue.created_at,
    closedAt: issue.closed_at ?? null,
    stateReason: issue.state_reason ?? null,
    body: issue.body ?? "",
  };
}

const isIssue = (i: RawIssue) => i.pull_request === undefined || i.pull_request === null;

/**
 * Writes go out with `retries: 0`: a POST that failed with a 5xx or a dropped connection may have
 * been applied, so the caller looks for it before sending again (see IssueFiler). Rate-limited
 * writes are still retried by the throttling plugin: GitHub refused those before doing anything.
 */
export function octokitIssuesApi(octokit: GitHubOctokit, repo: RepoRef): GitHubIssuesApi {
  const base = { owner: repo.owner, repo: repo.name };
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw toGitHubError(error, `${what} in ${repoSlug(repo)}`);
    }
  };
  return {
    repo,
    search: (q) =>
      call("search issues", async () => {
        // The endpoint itself, not `search.issuesAndPullRequests`, which Octokit marks deprecated
        // now that GitHub splits issue and pull request search; `is:issue` in the query does that.
        const res = await octokit.request("GET /search/issues", { q, per_page: 30 });
        return (res.data.items as RawIssue[]).filter(isIssue).map(summary);
      }),
    getIssue: (issueNumber) =>
      call(`read issue #${issueNumber}`, async () => {
        try {
          const res = await octokit.rest.issues.get({ ...base, issue_number: issueNumber });
          return isIssue(res.data as RawIssue) ? summary(res.data as RawIssue) : null;
        } catch (error) {
          if ((error as { status?: number }).status === 404) return null;
          throw error;
        }
      }),
    createIssue: (input) =>
      call("create an issue", async () => {
        const res = await octokit.rest.issues.create({
          ...base,
          ...input,
          request: { retries: 0 },
        });
        return summary(res.data as RawIssue);
      }),
    createComment: (issueNumber, body) =>
      call(`comment on #${issueNumber}`, async () => {
        const res = await octokit.rest.issues.createComment({
          ...base,
          issue_number: issueNumber,
          body,
          request: { retries: 0 },
        });
        return { id: res.data.id, url: res.data.html_url, body: res.data.body ?? "" };
      }),
    recentIssues: (since) =>
      call("list recent issues", async () => {
        const res = await octokit.rest.issues.listForRepo({
          ...base,
          state: "all",
          sort: "created",
          direction: "desc",
          since: since.toISOString(),
          per_page: 50,
        });
        return (res.data as RawIssue[]).filter(isIssue).map(summary);
      }),
    comments: (issueNumber, since) =>
      call(`list comments of #${issueNumber}`, async () => {
        const res = await octokit.rest.issues.listComments({
          ...base,
          issue_number: issueNumber,
          since: since.toISOString(),
          per_page: 100,
        });
        return res.data.map((c) => ({ id: c.id, url: c.html_url, body: c.body ?? "" }));
      }),
  };
}
