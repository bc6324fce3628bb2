import { toReport } from "../core/analyze.js";
import type { IssueReport } from "../core/issue-report/types.js";
import { redact } from "../core/redact/redact.js";
import {
  type ConfirmChoice,
  type FiledIssue,
  type IssuePreview,
  IssueTrackerError,
} from "../model/issue-tracker.js";
import { mapDocText } from "../render/doc/notice-doc.js";
import type { ThreadSnapshot } from "../store/records.js";
import { analyzeDraft, type DecideContext } from "./context.js";
import { type Decision, Draft } from "./draft.js";
import { refreshCard } from "./handoff.js";
import { draftIssueReport, type IssueSettings, issueLinkFor, issueSettings } from "./issue.js";
import { ephemeralOnly } from "./on-command.js";
import type { Action, IncomingCommand, IssueConfirmOption, IssueOffer } from "./port.js";
import { renderNotice } from "./templates.js";

/** What is stored of a drafted issue: everything but the form (which is configuration). */
function draftOf(report: IssueReport, extra: object = {}) {
  return {
    title: report.title,
    body: report.body,
    labels: report.labels,
    fields: report.fields,
    reason: report.reason,
    template: report.template,
    ...extra,
  };
}

/** `issue_confirm`'s argument: "create", "comment:<n>", or nothing (the preview's suggestion). */
export function parseConfirmArgument(argument: string | undefined): ConfirmChoice | undefined {
  const arg = argument?.trim() ?? "";
  if (arg === "create") return { action: "create" };
  const m = /^comment(?::#?(\d+))?$/.exec(arg);
  if (m) return m[1] ? { action: "comment", issueNumber: Number(m[1]) } : { action: "comment" };
  return undefined;
}

function confirmOptions(preview: IssuePreview): IssueConfirmOption[] {
  if (preview.alreadyFiled) return [];
  const comments = preview.duplicates.map(
    (d): IssueConfirmOption => ({
      action: "comment",
      issueNumber: d.issue.number,
      argument: `comment:${d.issue.number}`,
    }),
  );
  return [...comments, { action: "create", argument: "create" }];
}

/**
 * `/issue` and `issue_confirm`: the only commands that talk to GitHub, so they run outside the
 * synchronous `decideCommand`. The preview is private to the asker; filing needs staff or the
 * reporter, a GitHub token, and goes through the filer's ledger, so it happens once per thread
 * and fingerprint however often it is confirmed.
 */
export async function decideIssueCommand(
  snapshot: ThreadSnapshot | null,
  command: IncomingCommand,
  ctx: DecideContext,
): Promise<Decision | Action[]> {
  if (!snapshot) return [ephemeralOnly(command, ctx, "no-thread")];
  const issues = ctx.issues ?? issueSettings();
  const draft = new Draft(snapshot, snapshot.thread, command.eventId, "command", command.at);
  const analysis = analyzeDraft(draft, ctx);
  const { author } = command;
  const isReporter = author.id === draft.thread.reporterId;
  const mayFile = author.isStaff || isReporter;
  const clean = (text: string) => redact(text, ctx.kb.secretRules).text;
  const tell = (prompt: string, view: object, issue?: IssueOffer) => {
    const answer = renderNotice(ctx.kb, prompt, view);
    draft.emit({
      type: "ephemeral",
      threadKey: draft.threadKey,
      userId: author.id,
      text: clean(answer.text),
      doc: mapDocText(answer.doc, clean),
      ...(issue ? { issue } : {}),
    });
  };
  const report = draftIssueReport(
    draft,
    analysis,
    ctx.kb,
    issues,
    author.isStaff ? "staff" : undefined,
  );
  const record = (status: "requested" | "filed", url: string, extra: object = {}, n?: number) => {
    draft.issueReport = {
      id: `${draft.eventId}:issue`,
      threadKey: draft.threadKey,
      at: draft.iso,
      requestedBy: author.name,
      status,
      report: toReport(analysis, ""),
      url,
      fingerprint: report.fingerprint.id,
      draft: draftOf(report, extra),
      issueNumber: n ?? null,
    };
  };

  if (command.name === "issue") {
    const preview = issues.filer
      ? await issues.filer.preview({
          threadKey: draft.threadKey,
          report,
          threadUrl: draft.thread.url,
        })
      : null;
    if (preview) issues.previews.set(draft.threadKey, preview.id);
    // The filer's link is GitHub's 8,000 characters; chat messages carry less.
    const link = issueLinkFor(report, ctx.kb, issues, draft.threadKey);
    const confirm = preview && mayFile ? confirmOptions(preview) : [];
    record("requested", link.url);
    tell(
      "issue-recorded",
      {
        repo: issues.repo,
        title: report.title,
        fingerprint: report.fingerprint.id,
        link: link.url,
        trimmed: link.trimmed.length > 0,
        file: `issue-report-${report.fingerprint.id}.md`,
        searched: preview !== null,
        alreadyFiled: preview?.alreadyFiled ?? null,
        hasDuplicates: (preview?.duplicates.length ?? 0) > 0,
        duplicates: (preview?.duplicates ?? []).map((d) => ({
          number: d.issue.number,
          title: d.issue.title,
          url: d.issue.url,
          state: d.issue.state,
          reasons: d.reasons.join("; "),
        })),
        noDuplicates:
          preview !== null &&
          preview.duplicates.length === 0 &&
          !preview.searchProblem &&
          !preview.alreadyFiled,
        searchProblem: preview?.searchProblem ?? null,
        canConfirm: confirm.length > 0,
        staffOnly: preview !== null && !mayFile && !preview.alreadyFiled,
      },
      {
        url: link.url,
        confirm,
        ...(preview?.alreadyFiled
          ? { filed: { number: preview.alreadyFiled.issueNumber, url: preview.alreadyFiled.url } }
          : {}),
      },
    );
    return draft.finish();
  }

  // issue_confirm
  if (!mayFile) {
    tell("reporter-or-staff-only", {});
    return draft.finish();
  }
  const filer = issues.filer;
  if (!filer) {
    const link = issueLinkFor(report, ctx.kb, issues, draft.threadKey);
    tell("issue-not-configured", { link: link.url }, { url: link.url, confirm: [] });
    return draft.finish();
  }
  const choice = parseConfirmArgument(command.argument);
  let filed: FiledIssue;
  try {
    filed = await confirmPreview(filer, issues, draft.threadKey, report, draft.thread.url, choice);
  } catch (error) {
    if (!(error instanceof IssueTrackerError)) throw error;
    const link = issueLinkFor(report, ctx.kb, issues, draft.threadKey);
    tell("issue-failed", { reason: error.message, link: link.url }, { url: link.url, confirm: [] });
    return draft.finish();
  }
  record("filed", filed.url, { filed: { action: filed.action } }, filed.issueNumber);
  tell("issue-filed", {
    created: filed.action === "created",
    commented: filed.action === "commented",
    repeated: filed.repeated,
    number: filed.issueNumber,
    url: filed.url,
  });
  refreshCard(draft, analysis, ctx);
  return draft.finish();
}

/** Confirms the preview the asker saw; when it expired (or the bot restarted), previews again. */
async function confirmPreview(
  filer: NonNullable<IssueSettings["filer"]>,
  issues: IssueSettings,
  threadKey: string,
  report: IssueReport,
  threadUrl: string | null,
  choice: ConfirmChoice | undefined,
): Promise<FiledIssue> {
  const shown = issues.previews.get(threadKey);
  if (shown) {
    try {
      return await filer.confirm(shown, choice);
    } catch (error) {
      if (!(error instanceof IssueTrackerError) || error.code !== "preview_expired") throw error;
    }
  }
  const preview = await filer.preview({ threadKey, report, threadUrl });
  issues.previews.set(threadKey, preview.id);
  return filer.confirm(preview.id, choice);
}
