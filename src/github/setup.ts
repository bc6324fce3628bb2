import type { Knowledge } from "../knowledge/knowledge.js";
import { createGitHubOctokit, type GitHubClientConfig } from "./client.js";
import { GitHubError } from "./errors.js";
import { IssueFiler } from "./issue-filer.js";
import { octokitIssuesApi } from "./issues-api.js";
import type { IssueLedger } from "./ledger.js";
import { parseRepo, webUrlFor } from "./repo-ref.js";

/** The configuration's `github` block: GITHUB_TOKEN, GITHUB_REPO, GITHUB_API_URL. */
export interface GitHubSettings {
  token: string | null;
  repo: string | null;
  apiUrl: string | null;
}

/**
 * The filer the bot and the CLI use: with a token it searches and files through the API; without
 * one it still previews the pre-filled link. Throws when GITHUB_REPO is missing or malformed.
 */
export function createIssueFiler(
  settings: GitHubSettings,
  kb: Knowledge,
  extra: { ledger?: IssueLedger; client?: Partial<GitHubClientConfig> } = {},
): IssueFiler {
  const repo = settings.repo ? parseRepo(settings.repo) : null;
  if (!repo)
    throw new GitHubError(
      "not_configured",
      settings.repo
        ? `GITHUB_REPO must be owner/name, not "${settings.repo}"`
        : "GITHUB_REPO is not set",
    );
  const api = settings.token
    ? octokitIssuesApi(
        createGitHubOctokit({ ...extra.client, token: settings.token, apiUrl: settings.apiUrl }),
        repo,
      )
    : null;
  return new IssueFiler({
    kb,
    repo,
    api,
    webUrl: webUrlFor(settings.apiUrl),
    ...(extra.ledger ? { ledger: extra.ledger } : {}),
  });
}
