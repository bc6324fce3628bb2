import type { Analysis } from "../../../../src/core/analyze.js";
import { buildIssueReport } from "../../../../src/core/issue-report/build-report.js";
import type { IssueReport, IssueReportOptions } from "../../../../src/core/issue-report/types.js";
import type { Thread } from "../../../../src/core/thread.js";
import { type IssueForm, loadIssueForm } from "../../../../src/knowledge/issue-form.js";
import type { Knowledge } from "../../../../src/knowledge/knowledge.js";
import { loadKnowledge } from "../../../../src/knowledge/load.js";
import { triage } from "../../../../src/triage.js";
import { NOW, threadFixture } from "../../../helpers/fixtures.js";

export const SEED_THREAD = "openclaw-incident-whole-thread";
export const THREAD_URL = "https://discord.com/channels/1456350064065904867/1467000000000000001";

export interface Drafted {
  kb: Knowledge;
  form: IssueForm;
  thread: Thread;
  analysis: Analysis;
  report: IssueReport;
}

/** Triage a thread and draft its issue with the bundled OpenClaw form. */
export function draft(
  thread: Thread = threadFixture(SEED_THREAD),
  options: Partial<IssueReportOptions> = {},
): Drafted {
  const kb = loadKnowledge();
  const form = options.form ?? loadIssueForm();
  const { analysis } = triage(thread, kb, NOW);
  const report = buildIssueReport(analysis, thread, {
    kb,
    form,
    threadUrl: THREAD_URL,
    ...options,
  });
  return { kb, form, thread, analysis, report };
}
