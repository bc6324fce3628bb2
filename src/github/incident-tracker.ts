import type {
  IncidentTrackerPort,
  IssueOutcome,
  TrackedIssue,
} from "../conversation/incidents/tracker-port.js";
import { fixedInVersion } from "../core/incidents/fixed-in.js";
import { createGitHubOctokit, type GitHubClientConfig } from "./client.js";
import { type GitHubIssuesApi, octokitIssuesApi } from "./issues-api.js";
import { parseRepo } from "./repo-ref.js";

/** How far back an issue with the marker is looked for (a consistent read, not the search index). */
const LOOKBACK_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The incident tracker on the GitHub issues API (the same client, throttling and retries as the
 * filer). Dedupe is by marker: the body of the cluster's issue carries it, so an existing issue is
 * found among the recently updated ones and commented on instead of filed again.
 */
export function githubIncidentTracker(
  api: GitHubIssuesApi,
  now: () => Date = () => new Date(),
): IncidentTrackerPort {
  async function findMarked(marker: string): Promise<TrackedIssue | null> {
    const since = new Date(now().getTime() - LOOKBACK_DAYS * DAY_MS);
    const found = (await api.recentIssues(since)).find((i) => i.body.includes(marker));
    return found ? { number: found.number, url: found.url } : null;
  }

  return {
    async fileOnce(input) {
      const existing = await findMarked(input.marker);
      if (existing) {
        await api.createComment(existing.number, input.body);
        return { ...existing, created: false };
      }
      const created = await api.createIssue({
        title: input.title,
        body: `${input.body}\n\n<!-- ${input.marker} -->`,
        labels: input.labels,
      });
      return { number: created.number, url: created.url, created: true };
    },
    async comment(issueNumber, body) {
      await api.createComment(issueNumber, body);
    },
    async outcome(issueNumber): Promise<IssueOutcome | null> {
      const issue = await api.getIssue(issueNumber);
      if (!issue) return null;
      const since = issue.closedAt
        ? new Date(Date.parse(issue.closedAt) - DAY_MS)
        : new Date(now().getTime() - DAY_MS);
      const comments = issue.state === "closed" ? await api.comments(issueNumber, since) : [];
      return {
        state: issue.state,
        stateReason: issue.stateReason ?? null,
        title: issue.title,
        url: issue.url,
        fixedIn: fixedInVersion([issue.title, ...comments.map((c) => c.body)]),
      };
    },
  };
}

/** With GITHUB_TOKEN and GITHUB_REPO: the tracker on the same kind of client as the filer. */
export function createIncidentTracker(
  settings: { token: string | null; repo: string | null; apiUrl: string | null },
  client: Partial<GitHubClientConfig> = {},
): IncidentTrackerPort | null {
  const repo = settings.repo ? parseRepo(settings.repo) : null;
  if (!settings.token || !repo) return null;
  const octokit = createGitHubOctokit({
    ...client,
    token: settings.token,
    apiUrl: settings.apiUrl,
  });
  return githubIncidentTracker(octokitIssuesApi(octokit, repo));
}
