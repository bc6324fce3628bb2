import { createHash } from "node:crypto";
import { buildEvidenceComment } from "../core/issue-report/evidence-comment.js";
import { fitIssueBody } from "../core/issue-report/fit-body.js";
import { fullReportFileName, newIssueUrl } from "../core/issue-report/new-issue-url.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type {
  ConfirmChoice,
  DuplicateMatch,
  FiledIssue,
  IssuePreview,
  IssueTracker,
  PreviewInput,
} from "../model/issue-tracker.js";
import { GitHubError, toGitHubError } from "./errors.js";
import { findDuplicates } from "./find-duplicates.js";
import type { GitHubIssuesApi } from "./issues-api.js";
import {
  type IssueLedger,
  type IssueLedgerRecord,
  issueRequestKey,
  MemoryIssueLedger,
  requestMarker,
} from "./ledger.js";
import { type RepoRef, repoSlug } from "./repo-ref.js";

export type { ConfirmChoice, FiledIssue, IssuePreview, PreviewInput };

export interface IssueFilerOptions {
  kb: Knowledge;
  repo: RepoRef;
  /** null without a token: previews carry the pre-filled link only. */
  api: GitHubIssuesApi | null;
  /** GitHub's web origin for links (see webUrlFor). */
  webUrl?: string;
  ledger?: IssueLedger;
  now?: () => Date;
  recentDays?: number;
  /** How long a preview can be confirmed; after that the thread may have changed. */
  previewTtlMs?: number;
}

const HOUR = 3_600_000;
/** A lost response is looked for among issues updated since a little before the attempt. */
const LOOKBACK_MS = 60_000;

function doneResult(record: Extract<IssueLedgerRecord, { state: "done" }>): FiledIssue {
  return {
    action: record.action,
    issueNumber: record.issueNumber,
    url: record.url,
    repeated: true,
  };
}

/**
 * Preview → confirm → filed once. `preview` drafts the link and searches for duplicates;
 * `confirm` creates the issue or comments on the duplicate, exactly once per thread and
 * fingerprint: a double click joins the request in flight, a retry after success returns the
 * first result, and a write whose response was lost is found by its marker before any resend.
 */
export class IssueFiler implements IssueTracker {
  private readonly previews = new Map<string, { preview: IssuePreview; expires: number }>();
  private readonly inflight = new Map<string, Promise<FiledIssue>>();
  private readonly ledger: IssueLedger;
  private readonly now: () => Date;
  private readonly webUrl: string;

  constructor(private readonly options: IssueFilerOptions) {
    this.ledger = options.ledger ?? new MemoryIssueLedger();
    this.now = options.now ?? (() => new Date());
    this.webUrl = options.webUrl ?? "https://github.com";
  }

  async preview(input: PreviewInput): Promise<IssuePreview> {
    const { kb, api } = this.options;
    const { report } = input;
    const key = issueRequestKey(input.threadKey, report.fingerprint.id);
    const now = this.now();
    const file = fullReportFileName(report);
    const link = newIssueUrl(report, kb, {
      repo: repoSlug(this.options.repo),
      webUrl: this.webUrl,
      fullReportFile: file,
    });
    const record = await this.ledger.get(key);
    const alreadyFiled = record?.state === "done" ? doneResult(record) : null;
    let duplicates: DuplicateMatch[] = [];
    let searchProblem: string | null = api ? null : "no GitHub token is configured";
    if (api && !alreadyFiled) {
      try {
        duplicates = await findDuplicates(api, report, {
          now,
          webUrl: this.webUrl,
          ...(this.options.recentDays ? { recentDays: this.options.recentDays } : {}),
        });
      } catch (error) {
        searchProblem = toGitHubError(error, "duplicate search").message;
      }
    }
    const suggested = alreadyFiled
      ? "already_filed"
      : duplicates.length > 0
        ? "comment"
        : api && !searchProblem
          ? "create"
          : "link";
    const preview: IssuePreview = {
      id: `p-${createHash("sha256").update(key).digest("hex").slice(0, 16)}`,
      threadKey: input.threadKey,
      repo: repoSlug(this.options.repo),
      report,
      link,
      fullReport: { name: file, text: report.body },
      duplicates,
      suggested,
      alreadyFiled,
      searchProblem,
      threadUrl: input.threadUrl ?? null,
      createdAt: now.toISOString(),
    };
    this.previews.set(preview.id, {
      preview,
      expires: now.getTime() + (this.options.previewTtlMs ?? HOUR),
    });
    return preview;
  }

  /** Files the previewed report (default: what the preview suggested). Safe to call twice. */
  async confirm(previewId: string, choice?: ConfirmChoice): Promise<FiledIssue> {
    const entry = this.previews.get(previewId);
    if (!entry || entry.expires < this.now().getTime())
      throw new GitHubError("preview_expired", "this issue preview expired: draft it again");
    const { preview } = entry;
    const key = issueRequestKey(preview.threadKey, preview.report.fingerprint.id);
    const running = this.inflight.get(key);
    if (running) return { ...(await running), repeated: true };
    const job = this.file(key, preview, choice).finally(() => this.inflight.delete(key));
    this.inflight.set(key, job);
    return job;
  }

  private async file(
    key: string,
    preview: IssuePreview,
    choice?: ConfirmChoice,
  ): Promise<FiledIssue> {
    const { api } = this.options;
    if (!api)
      throw new GitHubError(
        "not_configured",
        "filing needs GITHUB_TOKEN and GITHUB_REPO; use the pre-filled link",
      );
    const record = await this.ledger.get(key);
    if (record?.state === "done") return doneResult(record);
    if (record?.state === "pending") {
      const found = await this.findWritten(api, record);
      if (found) return { ...(await this.recordDone(key, record, found)), repeated: true };
    }
    const want =
      choice ??
      (preview.suggested === "comment"
        ? { action: "comment" as const }
        : { action: "create" as const });
    const marker = requestMarker(key);
    const pending: Extract<IssueLedgerRecord, { state: "pending" }> = {
      state: "pending",
      action: want.action,
      issueNumber: want.action === "comment" ? this.commentTarget(preview, want.issueNumber) : null,
      marker,
      at: this.now().toISOString(),
    };
    await this.ledger.put(key, pending);
    const write = () =>
      pending.action === "create"
        ? this.createIssue(api, preview, marker)
        : this.addComment(api, preview, pending.issueNumber ?? 0, marker);
    return this.recordDone(key, pending, await this.writeOnce(key, api, pending, write));
  }

  private commentTarget(preview: IssuePreview, issueNumber: number | undefined): number {
    const target = issueNumber ?? preview.duplicates[0]?.issue.number;
    if (target === undefined)
      throw new GitHubError("no_target", "no existing issue to add the evidence to");
    return target;
  }

  /** Sends the write; after an ambiguous failure, looks for it and resends at most once. */
  private async writeOnce(
    key: string,
    api: GitHubIssuesApi,
    pending: Extract<IssueLedgerRecord, { state: "pending" }>,
    write: () => Promise<{ issueNumber: number; url: string }>,
  ): Promise<{ issueNumber: number; url: string }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        const e = toGitHubError(error, "filing the issue");
        if (!e.ambiguous) {
          await this.ledger.put(key, {
            state: "failed",
            reason: e.message,
            at: this.now().toISOString(),
          });
          throw e;
        }
        // If we cannot look, we cannot know: keep `pending` and let the next confirm look again.
        const found = await this.findWritten(api, pending).catch(() => {
          throw e;
        });
        if (found) return found;
        if (attempt >= 2) throw e;
      }
    }
  }

  private async createIssue(api: GitHubIssuesApi, preview: IssuePreview, marker: string) {
    const { report } = preview;
    const body = `${fitIssueBody(report, this.options.kb, preview.fullReport.name)}\n${marker}\n`;
    const issue = await api.createIssue({ title: report.title, body, labels: report.labels });
    return { issueNumber: issue.number, url: issue.url };
  }

  private async addComment(
    api: GitHubIssuesApi,
    preview: IssuePreview,
    issueNumber: number,
    marker: string,
  ) {
    const match = preview.duplicates.find((d) => d.issue.number === issueNumber);
    const body = buildEvidenceComment(preview.report, this.options.kb, {
      reasons: match?.reasons ?? ["support staff chose this issue"],
      threadUrl: preview.threadUrl,
      file: preview.fullReport.name,
    });
    const comment = await api.createComment(issueNumber, `${body}\n${marker}\n`);
    return { issueNumber, url: comment.url };
  }

  /** The issue or comment carrying this request's marker, if an earlier attempt wrote it. */
  private async findWritten(
    api: GitHubIssuesApi,
    pending: Extract<IssueLedgerRecord, { state: "pending" }>,
  ): Promise<{ issueNumber: number; url: string } | null> {
    const since = new Date(Date.parse(pending.at) - LOOKBACK_MS);
    if (pending.action === "create") {
      const issue = (await api.recentIssues(since)).find((i) => i.body.includes(pending.marker));
      return issue ? { issueNumber: issue.number, url: issue.url } : null;
    }
    if (pending.issueNumber === null) return null;
    const comment = (await api.comments(pending.issueNumber, since)).find((c) =>
      c.body.includes(pending.marker),
    );
    return comment ? { issueNumber: pending.issueNumber, url: comment.url } : null;
  }

  private async recordDone(
    key: string,
    pending: Extract<IssueLedgerRecord, { state: "pending" }>,
    written: { issueNumber: number; url: string },
  ): Promise<FiledIssue> {
    const action = pending.action === "create" ? "created" : "commented";
    await this.ledger.put(key, { state: "done", action, ...written, at: this.now().toISOString() });
    return { action, ...written, repeated: false };
  }
}
