import type { Analysis } from "../core/analyze.js";
import { type DecideContext, languageOf } from "./context.js";
import type { Draft } from "./draft.js";
import { buildHandoffCard } from "./handoff-card.js";
import { offeredIssueUrl } from "./issue.js";
import type { HandoffCard, HandoffReason } from "./port.js";
import { pendingQuestionIds } from "./questions.js";
import { questionList, renderNotice } from "./templates.js";

export interface HandOffOptions {
  reason: HandoffReason;
  requestedBy: string | null;
  /** Post the card to the staff channel (not when a staff member is already in the thread). */
  postCard: boolean;
  /** Tell the thread it went to humans. */
  notice: boolean;
}

/** The issue part of the card: filed as #N, else the pre-filled link when an issue is offered. */
function cardIssue(draft: Draft, analysis: Analysis, ctx: DecideContext) {
  const filed = filedIssue(draft);
  if (filed) return { issueFiled: filed };
  const url = offeredIssueUrl(draft, analysis, ctx.kb, ctx.issues);
  return url ? { issueUrl: url } : {};
}

/** This event's filing, else the thread's latest. */
export function filedIssue(draft: Draft): HandoffCard["issueFiled"] | null {
  const mine = draft.issueReport;
  if (mine?.status === "filed" && mine.url && mine.issueNumber) {
    const action = (mine.draft as { filed?: { action?: string } } | undefined)?.filed?.action;
    return {
      number: mine.issueNumber,
      url: mine.url,
      action: action === "commented" ? "commented" : "created",
    };
  }
  return draft.snapshot?.issueFiled ?? null;
}

export function currentCard(draft: Draft, analysis: Analysis, ctx: DecideContext): HandoffCard {
  return buildHandoffCard({
    ...cardIssue(draft, analysis, ctx),
    thread: draft.thread,
    messages: draft.messages,
    asked: draft.asked,
    analysis,
    ...(draft.handoff
      ? { reason: draft.handoff.reason, requestedBy: draft.handoff.requestedBy }
      : {}),
    kb: ctx.kb,
    now: draft.at,
    language: languageOf(draft, analysis, ctx),
  });
}

/** Hands the thread to humans: state, stored handoff with its card, staff-channel card, notice. */
export function handOff(
  draft: Draft,
  analysis: Analysis,
  ctx: DecideContext,
  options: HandOffOptions,
): void {
  draft.cancelTimers();
  draft.thread.handoffReason = options.reason;
  draft.thread.lowConfidenceRounds = 0;
  draft.setState("handed_off");
  const card = buildHandoffCard({
    ...cardIssue(draft, analysis, ctx),
    thread: draft.thread,
    messages: draft.messages,
    asked: draft.asked,
    analysis,
    reason: options.reason,
    requestedBy: options.requestedBy,
    kb: ctx.kb,
    now: draft.at,
    language: languageOf(draft, analysis, ctx),
  });
  draft.putHandoff({
    id: `${draft.eventId}:handoff`,
    threadKey: draft.threadKey,
    at: draft.iso,
    reason: options.reason,
    requestedBy: options.requestedBy,
    assignee: draft.thread.assignee,
    card,
    releasedAt: null,
  });
  if (options.postCard) draft.emit({ type: "handoff_card", card });
  if (options.notice) {
    const pending = pendingQuestionIds(draft.asked, analysis.missing);
    draft.emit({
      type: "notice",
      threadKey: draft.threadKey,
      reason: "handoff",
      ...renderNotice(
        ctx.kb,
        "handoff",
        {
          requested: options.reason === "requested" || options.reason === "command",
          lowConfidence: options.reason === "low_confidence",
          stillNeeded: questionList(
            ctx.kb,
            analysis.missing.filter((m) => pending.has(m.id)),
            languageOf(draft, analysis, ctx),
          ),
        },
        languageOf(draft, analysis, ctx),
      ),
    });
  }
}

/** What staff care about on a card; a change in any of it is worth editing the card for. */
function cardKey(card: HandoffCard): string {
  return JSON.stringify([
    card.issueFiled?.number ?? null,
    card.state,
    card.assignee,
    card.summary,
    card.askedAndAnswered.map((a) => [a.id, a.answered]),
    card.affected,
    card.redactionKinds,
    card.messageCounts,
    card.report.errorClass,
    card.report.ruledOut.map((r) => r.id),
  ]);
}

/**
 * Keeps the stored card current after the thread moved on, and edits the staff-channel card when
 * one was posted and its platform id is known (an unknown id would mean posting a second card).
 */
export function refreshCard(draft: Draft, analysis: Analysis, ctx: DecideContext): void {
  const handoff = draft.handoff;
  if (!handoff) return;
  const card = currentCard(draft, analysis, ctx);
  if (cardKey(card) === cardKey(handoff.card)) return;
  draft.putHandoff({ ...handoff, assignee: draft.thread.assignee, card });
  const posted = draft.snapshot?.cardMessageId;
  if (posted && handoff.releasedAt === null)
    draft.emit({ type: "handoff_card", card, replaces: posted });
}

/** Staff handed the thread back to the bot: the handoff ends. */
export function releaseHandoff(draft: Draft): void {
  if (draft.handoff && draft.handoff.releasedAt === null) {
    draft.putHandoff({ ...draft.handoff, releasedAt: draft.iso });
  }
}
