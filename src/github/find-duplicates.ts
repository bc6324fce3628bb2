import { describeFingerprint, fingerprintIn } from "../core/issue-report/fingerprint.js";
import type { IssueReport } from "../core/issue-report/types.js";
import type { DuplicateMatch, IssueSummary } from "../model/issue-tracker.js";
import type { GitHubIssuesApi } from "./issues-api.js";

export type { DuplicateMatch };

import { issueNumberIn, repoSlug } from "./repo-ref.js";

/** Closed issues older than this are history, not a place to add evidence. */
export const RECENT_DAYS = 90;

export interface FindDuplicatesOptions {
  now: Date;
  webUrl: string;
  recentDays?: number;
}

function current(issue: IssueSummary, now: Date, days: number): boolean {
  if (issue.state === "open" || !issue.closedAt) return true;
  return now.getTime() - new Date(issue.closedAt).getTime() <= days * 86_400_000;
}

/** The search query: the fingerprint is one token, so an exact phrase in bodies finds it. */
export function fingerprintQuery(api: GitHubIssuesApi, fingerprintId: string): string {
  return `repo:${repoSlug(api.repo)} is:issue in:body "${fingerprintId}"`;
}

/**
 * Open and recently closed issues of the repository that this report duplicates: those whose
 * body carries the same fingerprint, and the known issues the thread matched that live in this
 * repository. Open ones first, then the most reasons, then the newest.
 */
export async function findDuplicates(
  api: GitHubIssuesApi,
  report: IssueReport,
  options: FindDuplicatesOptions,
): Promise<DuplicateMatch[]> {
  const days = options.recentDays ?? RECENT_DAYS;
  const found = new Map<number, DuplicateMatch>();
  const add = (issue: IssueSummary, reason: string) => {
    if (!current(issue, options.now, days)) return;
    const match = found.get(issue.number) ?? { issue, reasons: [] };
    match.reasons.push(reason);
    found.set(issue.number, match);
  };
  const fp = report.fingerprint;
  for (const issue of await api.search(fingerprintQuery(api, fp.id))) {
    // Search matches words loosely; only the exact embedded fingerprint counts.
    if (fingerprintIn(issue.body) === fp.id)
      add(issue, `the same fingerprint \`${fp.id}\` (${describeFingerprint(fp)})`);
  }
  for (const known of report.knownIssues) {
    const issueNumber = issueNumberIn(known.url, api.repo, options.webUrl);
    if (issueNumber === null) continue;
    const issue = await api.getIssue(issueNumber);
    if (issue) add(issue, `the thread matches known issue “${known.title}” for this version`);
  }
  return [...found.values()].sort(
    (a, b) =>
      Number(b.issue.state === "open") - Number(a.issue.state === "open") ||
      b.reasons.length - a.reasons.length ||
      b.issue.createdAt.localeCompare(a.issue.createdAt),
  );
}
