/** A repository as GITHUB_REPO names it: "owner/name". */
export interface RepoRef {
  owner: string;
  name: string;
}

const REPO = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

/** Parses "owner/name"; null when it is not one. */
export function parseRepo(text: string): RepoRef | null {
  const m = REPO.exec(text.trim());
  return m?.[1] && m[2] ? { owner: m[1], name: m[2] } : null;
}

export function repoSlug(repo: RepoRef): string {
  return `${repo.owner}/${repo.name}`;
}

export const GITHUB_API = "https://api.github.com";

/**
 * The web origin for an API base: api.github.com → github.com, a GitHub Enterprise
 * `https://host/api/v3` → `https://host`, anything else (a fake on loopback) → its origin.
 */
export function webUrlFor(apiUrl: string | null | undefined): string {
  if (!apiUrl) return "https://github.com";
  const url = new URL(apiUrl);
  if (url.hostname === "api.github.com") return "https://github.com";
  return url.origin;
}

/** The issue number when `url` is an issue of `repo` on `webUrl` (a known-issue link). */
export function issueNumberIn(url: string, repo: RepoRef, webUrl: string): number | null {
  const prefix = `${webUrl.replace(/\/+$/, "")}/${repoSlug(repo)}/issues/`.toLowerCase();
  if (!url.toLowerCase().startsWith(prefix)) return null;
  const m = /^(\d+)(?:[/?#]|$)/.exec(url.slice(prefix.length));
  return m?.[1] ? Number(m[1]) : null;
}
