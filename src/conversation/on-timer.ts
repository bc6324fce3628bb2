import { humanizeSeconds } from "../core/durations.js";
import type { ThreadSnapshot, TimerRecord } from "../store/records.js";
import { analyzeDraft, type DecideContext, languageOf } from "./context.js";
import { type Decision, Draft } from "./draft.js";
import { WAITING_ON_USER } from "./lifecycle.js";
import { HOUR_MS } from "./policy.js";
import { pendingQuestionIds } from "./questions.js";
import { threadSummaryMarked } from "./summary.js";
import { questionList, renderNotice } from "./templates.js";

/** The idempotency key of a timer's firing: a timer fires once, however many schedulers run. */
export function timerEventId(timer: TimerRecord): string {
  return `timer:${timer.id}`;
}

function isLater(a: TimerRecord, b: TimerRecord): boolean {
  return a.dueAt > b.dueAt || (a.dueAt === b.dueAt && a.id > b.id);
}

/**
 * A stale timer came due (possibly long ago: the scheduler catches up after downtime). It acts
 * only while the bot still waits on the user; the close is scheduled from the moment the nudge
 * was actually posted, so nobody is closed without M hours' notice.
 */
export function decideTimer(
  snapshot: ThreadSnapshot,
  timer: TimerRecord,
  now: Date,
  ctx: DecideContext,
): Decision {
  const draft = new Draft(snapshot, snapshot.thread, timerEventId(timer), "timer", now);
  draft.firedTimerId = timer.id;
  if (!WAITING_ON_USER.has(draft.thread.state)) return draft.finish();
  // Catching up after downtime, a thread may have several timers due: only the latest speaks
  // (one message per thread, not a nudge and then a close in the same minute).
  const due = snapshot.pendingTimers.filter((t) => Date.parse(t.dueAt) <= now.getTime());
  if (due.some((t) => isLater(t, timer))) return draft.finish();
  if (due.some((t) => t.id !== timer.id)) draft.cancelTimers();
  const analysis = analyzeDraft(draft, ctx);
  const key = draft.threadKey;
  const idleSeconds = draft.thread.lastUserAt
    ? (now.getTime() - new Date(draft.thread.lastUserAt).getTime()) / 1000
    : 0;
  if (timer.kind === "nudge") {
    const pending = pendingQuestionIds(draft.asked, analysis.missing);
    const lang = languageOf(draft, analysis, ctx);
    draft.emit({
      type: "notice",
      threadKey: key,
      reason: "nudge",
      mention: draft.thread.reporterId,
      ...renderNotice(
        ctx.kb,
        "nudge",
        {
          reporter: draft.thread.reporterName,
          awaiting: draft.thread.state === "awaiting_user",
          diagnosed: draft.thread.state === "diagnosed",
          stillNeeded: questionList(
            ctx.kb,
            analysis.missing.filter((m) => pending.has(m.id)),
            lang,
          ),
          closeIn: humanizeSeconds(ctx.policy.closeAfterHours * 3600),
        },
        lang,
      ),
    });
    draft.schedule("close", new Date(now.getTime() + ctx.policy.closeAfterHours * HOUR_MS));
    return draft.finish();
  }
  draft.setState("closed_stale");
  draft.emit({
    type: "notice",
    threadKey: key,
    reason: "closed",
    ...renderNotice(
      ctx.kb,
      "closed-stale",
      {
        reporter: draft.thread.reporterName,
        idle: humanizeSeconds(Math.max(idleSeconds, 0)),
        summary: threadSummaryMarked(analysis, ctx.kb, languageOf(draft, analysis, ctx)),
      },
      languageOf(draft, analysis, ctx),
    ),
  });
  return draft.finish();
}
