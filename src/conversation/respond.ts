import { type Analysis, toReport } from "../core/analyze.js";
import type { Redaction } from "../core/redact/types.js";
import type { ReplyLocal } from "../model/actions.js";
import { localizeAnalysis } from "../render/localize.js";
import { chartToAttach } from "./chart-attachment.js";
import { planReply, type ReplyPlan } from "./compose-reply.js";
import { analyzeBefore, type DecideContext, languageOf } from "./context.js";
import type { Draft } from "./draft.js";
import { pendingQuestionIds, recordAsked } from "./questions.js";

export interface RespondOptions {
  force?: boolean;
  repeatQuestions?: boolean;
  fromReporter?: boolean;
  redactions?: readonly Redaction[];
  /** Speak only when owed (a secret was removed): staff have the thread, or it is closed. */
  quiet?: boolean;
  /** Edit the bot's latest reply instead of posting a new one (the user edited their message). */
  edit?: boolean;
}

/**
 * Says what the analysis warrants (full reply, "still needed", or nothing), remembers which
 * questions were asked or answered, and stores the verdict.
 */
export function respond(
  draft: Draft,
  analysis: Analysis,
  ctx: DecideContext,
  options: RespondOptions = {},
): ReplyPlan {
  const before = analyzeBefore(draft, ctx, analysis);
  const lang = languageOf(draft, analysis, ctx);
  const plan = planReply({
    analysis,
    before,
    pending: pendingQuestionIds(draft.asked, analysis.missing),
    lastFingerprint: draft.thread.lastFingerprint,
    lastOutput: draft.thread.lastOutput,
    lastMitigations: draft.thread.lastMitigations,
    force: options.force ?? false,
    quiet: options.quiet ?? false,
    repeatQuestions: options.repeatQuestions ?? false,
    fromReporter: options.fromReporter ?? false,
    redactions: options.redactions ?? [],
    kb: ctx.kb,
    now: draft.at,
    language: lang,
  });
  const key = draft.threadKey;
  if (plan.kind === "full") {
    const replaces = options.edit ? draft.snapshot?.lastReplyMessageId : null;
    const chart = chartToAttach(analysis, before);
    draft.emit({
      type: "reply",
      threadKey: key,
      text: plan.text,
      doc: plan.doc,
      report: plan.report,
      analysis,
      ...(replaces ? { replaces } : {}),
      ...(chart ? { chart } : {}),
      ...(lang === "en" ? {} : { local: replyLocal(analysis, ctx, lang) }),
    });
    draft.thread.replyCount += 1;
    draft.thread.lastFingerprint = plan.fingerprint;
    draft.thread.lastOutput = "reply";
    draft.thread.lastMitigations = analysis.mitigations.map((m) => m.id);
  } else if (plan.kind === "still_needed") {
    draft.emit({
      type: "notice",
      threadKey: key,
      text: plan.text,
      doc: plan.doc,
      reason: "info",
    });
    draft.thread.lastOutput = "still_needed";
  }
  const shown = plan.kind === "full" ? plan.shown : [];
  draft.putAsked(recordAsked(draft.asked, analysis.missing, shown, draft.iso));
  draft.putVerdict(
    analysis,
    plan.kind === "full" ? plan.report : toReport(analysis, ""),
    plan.fingerprint,
  );
  return plan;
}

/** Discord's verdict embed, Slack's footer and the buttons in the reply's language. */
function replyLocal(analysis: Analysis, ctx: DecideContext, lang: string): ReplyLocal {
  const local = localizeAnalysis(analysis, ctx.kb, lang);
  return {
    words: ctx.kb.translations[lang]?.platform ?? {},
    title: local.verdict.hypotheses[0]?.title ?? null,
    missing: local.missing.map((m) => m.label),
  };
}
