import type { Analysis } from "../core/analyze.js";
import type { MessageRecord, ThreadRecord, ThreadSnapshot } from "../store/records.js";
import { analyzeDraft, type DecideContext, languageOf } from "./context.js";
import { type Decision, Draft } from "./draft.js";
import { handOff, refreshCard } from "./handoff.js";
import { type IngestedTitle, ingestMessage, ingestTitle } from "./ingest.js";
import { detectIntent } from "./intents.js";
import { outOfQuestions, restartStaleClock, workingState } from "./lifecycle.js";
import type { IncomingEvent } from "./port.js";
import { respond } from "./respond.js";
import { roleOf } from "./roles.js";
import { markSolved } from "./solve.js";
import { renderNotice } from "./templates.js";

function newThread(event: IncomingEvent, title: IngestedTitle): ThreadRecord {
  const at = event.at.toISOString();
  return {
    key: event.threadKey,
    platform: event.platform,
    title: title.title,
    url: event.url ?? null,
    channel: event.channelId ?? null,
    reporterId: event.author.id,
    reporterName: event.author.name,
    state: "new",
    assignee: null,
    handoffReason: null,
    lowConfidenceRounds: 0,
    replyCount: 0,
    lastFingerprint: null,
    lastOutput: null,
    lastMitigations: [],
    lastUserAt: null,
    createdAt: at,
    updatedAt: at,
    version: 0,
  };
}

/**
 * A message or an edit in a thread. Bots are ignored (null: nothing to commit); everything else
 * is stored redacted and the whole thread is re-analysed before deciding what to say.
 */
export function decideMessage(
  snapshot: ThreadSnapshot | null,
  event: IncomingEvent,
  ctx: DecideContext,
): Decision | null {
  if (event.author.isBot) return null;
  const title = snapshot ? null : ingestTitle(event, ctx.kb);
  const thread = snapshot?.thread ?? newThread(event, title ?? { title: null, redactions: [] });
  const draft = new Draft(snapshot, thread, event.eventId, event.kind, event.at);
  const previous = snapshot?.messages.find((m) => m.messageId === event.messageId);
  const role = roleOf(event.author, snapshot ? snapshot.thread.reporterId : null);
  const message = ingestMessage(
    event,
    role,
    draft.messages.length,
    ctx.kb,
    previous,
    title?.redactions,
  );
  draft.putMessage(message);
  if (event.url && !draft.thread.url) draft.thread.url = event.url;
  if (event.channelId && !draft.thread.channel) draft.thread.channel = event.channelId;
  const analysis = analyzeDraft(draft, ctx);
  if (message.role === "staff") onStaff(draft, event, analysis, ctx);
  else onUser(draft, event, message, analysis, ctx);
  return draft.finish();
}

/** A staff reply hands the thread to humans; the bot then speaks only when mentioned. */
function onStaff(draft: Draft, event: IncomingEvent, analysis: Analysis, ctx: DecideContext): void {
  const state = draft.thread.state;
  if (state !== "solved" && state !== "closed_stale") {
    const claimedNow = draft.thread.assignee === null;
    if (claimedNow) draft.thread.assignee = event.author.name;
    if (state !== "handed_off") {
      handOff(draft, analysis, ctx, {
        reason: "staff_reply",
        requestedBy: event.author.name,
        postCard: false,
        notice: false,
      });
    }
    if (claimedNow) {
      draft.emit({
        type: "notice",
        threadKey: draft.threadKey,
        reason: "claimed",
        ...renderNotice(
          ctx.kb,
          "claimed",
          { assignee: draft.thread.assignee },
          languageOf(draft, analysis, ctx),
        ),
      });
    }
  }
  const redactions = draft.messages.find((m) => m.messageId === event.messageId)?.redactions ?? [];
  respond(
    draft,
    analysis,
    ctx,
    event.mentionsBot ? { force: true, redactions } : { quiet: true, redactions },
  );
  refreshCard(draft, analysis, ctx);
}

function onUser(
  draft: Draft,
  event: IncomingEvent,
  message: MessageRecord,
  analysis: Analysis,
  ctx: DecideContext,
): void {
  const fromReporter = message.role === "reporter";
  const state = draft.thread.state;
  const intent = fromReporter ? detectIntent(event.text) : null;
  draft.thread.lastUserAt = draft.iso;
  const redactions = message.redactions;
  const edit = event.kind === "edit";

  if (intent === "solved" && state !== "solved") {
    observeQuietly(draft, analysis, ctx, redactions);
    markSolved(draft, analysis, ctx, event.author.name, event.text);
    return;
  }
  if (intent === "handoff") {
    respond(draft, analysis, ctx, { redactions, edit, force: state === "new" });
    draft.thread.lowConfidenceRounds = 0;
    if (state === "handed_off") {
      draft.emit({
        type: "notice",
        threadKey: draft.threadKey,
        reason: "info",
        ...renderNotice(
          ctx.kb,
          "handoff-already",
          { assignee: draft.thread.assignee },
          languageOf(draft, analysis, ctx),
        ),
      });
      return;
    }
    handOff(draft, analysis, ctx, {
      reason: "requested",
      requestedBy: event.author.name,
      postCard: true,
      notice: true,
    });
    return;
  }
  if (state === "solved" || state === "closed_stale") {
    // Only the reporter reopens; a thank-you after "solved" is not a new problem.
    if (!fromReporter || intent === "thanks") {
      observeQuietly(draft, analysis, ctx, redactions);
      return;
    }
    draft.emit({
      type: "notice",
      threadKey: draft.threadKey,
      reason: "reopened",
      ...renderNotice(
        ctx.kb,
        "reopened",
        { wasSolved: state === "solved" },
        languageOf(draft, analysis, ctx),
      ),
    });
    draft.thread.lowConfidenceRounds = 0;
    draft.setState(workingState(analysis));
    respond(draft, analysis, ctx, { force: true, fromReporter, redactions });
    restartStaleClock(draft, ctx.policy);
    return;
  }
  if (state === "handed_off") {
    // Waiting on staff: no stale timers. Once someone claimed it, the bot is quiet unless called.
    if (draft.thread.assignee === null || event.mentionsBot) {
      respond(draft, analysis, ctx, {
        force: event.mentionsBot ?? false,
        fromReporter,
        redactions,
        edit,
      });
    } else {
      observeQuietly(draft, analysis, ctx, redactions);
    }
    refreshCard(draft, analysis, ctx);
    return;
  }
  respond(draft, analysis, ctx, {
    force: state === "new" || (event.mentionsBot ?? false),
    fromReporter,
    redactions,
    edit,
  });
  if (fromReporter) {
    draft.thread.lowConfidenceRounds = outOfQuestions(analysis)
      ? draft.thread.lowConfidenceRounds + 1
      : 0;
  }
  if (draft.thread.lowConfidenceRounds >= ctx.policy.lowConfidenceRounds) {
    handOff(draft, analysis, ctx, {
      reason: "low_confidence",
      requestedBy: null,
      postCard: true,
      notice: true,
    });
    return;
  }
  draft.setState(workingState(analysis));
  restartStaleClock(draft, ctx.policy);
}

/** Records the verdict without speaking, unless the message held a secret the user must hear about. */
function observeQuietly(
  draft: Draft,
  analysis: Analysis,
  ctx: DecideContext,
  redactions: MessageRecord["redactions"],
): void {
  respond(draft, analysis, ctx, { quiet: true, redactions });
}
