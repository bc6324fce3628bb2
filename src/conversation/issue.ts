import type { Analysis } from "../core/analyze.js";
import { buildIssueReport } from "../core/issue-report/build-report.js";
import { matchKnownIssues, shouldOfferIssue } from "../core/issue-report/known-issues.js";
import {
  fullReportFileName,
  MAX_NEW_ISSUE_URL,
  type NewIssueUrl,
  newIssueUrl,
} from "../core/issue-report/new-issue-url.js";
import type { IssueReason, IssueReport } from "../core/issue-report/types.js";
import { type IssueForm, loadIssueForm } from "../knowledge/issue-form.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { IssueTracker } from "../model/issue-tracker.js";
import type { Draft } from "./draft.js";
import { toThread } from "./ingest.js";
import type { Platform } from "./port.js";

/** How the engine drafts and files GitHub issues (GITHUB_REPO, GITHUB_ISSUE_FORM, GITHUB_TOKEN). */
export interface IssueSettings {
  form: IssueForm;
  /** "owner/name": where the pre-filled link points. */
  repo: string;
  /** GitHub's web origin (https://github.com, or a GitHub Enterprise host). */
  webUrl: string;
  /** Searches and files through the API; null without GITHUB_TOKEN (link only). */
  filer: IssueTracker | null;
  /** The last preview id per thread, so a confirm files what was shown. */
  previews: Map<string, string>;
}

export interface IssueDeps {
  form?: IssueForm;
  repo?: string | null;
  webUrl?: string;
  filer?: IssueTracker | null;
}

/** Defaults: the bundled form, its repository, github.com, no filer. */
export function issueSettings(deps: IssueDeps = {}): IssueSettings {
  const form = deps.form ?? loadIssueForm();
  const repo = deps.repo ?? form.repo;
  if (!repo) throw new Error("the issue form names no repository: set GITHUB_REPO");
  return {
    form,
    repo,
    webUrl: deps.webUrl ?? "https://github.com",
    filer: deps.filer ?? null,
    previews: new Map(),
  };
}

/** The thread's issue report, built from the current analysis. */
export function draftIssueReport(
  draft: Draft,
  analysis: Analysis,
  kb: Knowledge,
  issues: IssueSettings,
  reason?: IssueReason,
): IssueReport {
  return buildIssueReport(analysis, toThread(draft.thread.title, draft.messages), {
    kb,
    form: issues.form,
    threadUrl: draft.thread.url,
    ...(reason ? { reason } : {}),
  });
}

/**
 * How long a link each surface can carry whole: a Discord message is 2,000 characters and an
 * embed field 1,024; a Slack section 3,000. The link's own rules trim the evidence to fit.
 */
const LINK_LIMITS: Record<Platform, { preview: number; card: number }> = {
  console: { preview: MAX_NEW_ISSUE_URL, card: MAX_NEW_ISSUE_URL },
  discord: { preview: 1800, card: 1000 },
  slack: { preview: 2800, card: 2800 },
};

function platformOf(threadKey: string): Platform {
  const prefix = threadKey.split(":")[0];
  return prefix === "discord" || prefix === "slack" ? prefix : "console";
}

export function issueLinkFor(
  report: IssueReport,
  kb: Knowledge,
  issues: IssueSettings,
  threadKey: string,
  where: "preview" | "card" = "preview",
): NewIssueUrl {
  return newIssueUrl(report, kb, {
    repo: issues.repo,
    webUrl: issues.webUrl,
    fullReportFile: fullReportFileName(report),
    maxLength: LINK_LIMITS[platformOf(threadKey)][where],
  });
}

/** The card's link: only when the verdict offers an issue (a tool bug, a hidden incident, a known issue). */
export function offeredIssueUrl(
  draft: Draft,
  analysis: Analysis,
  kb: Knowledge,
  issues: IssueSettings | undefined,
): string | null {
  if (!issues || !shouldOfferIssue(analysis, matchKnownIssues(analysis, kb))) return null;
  const report = draftIssueReport(draft, analysis, kb, issues);
  return issueLinkFor(report, kb, issues, draft.threadKey, "card").url;
}
