import type { Analysis } from "../core/analyze.js";
import type { Draft } from "./draft.js";
import { type ConversationPolicy, HOUR_MS } from "./policy.js";
import type { LifecycleState } from "./port.js";

/** The states in which the ball is in the user's court: the only ones the stale policy touches. */
export const WAITING_ON_USER: ReadonlySet<LifecycleState> = new Set(["awaiting_user", "diagnosed"]);

/**
 * Where a thread the bot is handling stands after an analysis: waiting on the user while
 * something the verdict needs is missing or the class is still unknown (then the reply offers the
 * next experiment), diagnosed when the class is decided and nothing it needs is left to ask
 * (questions that only fit the fix to the reader do not hold the thread open).
 */
export function workingState(analysis: Analysis): "awaiting_user" | "diagnosed" {
  return analysis.missing.some((m) => m.blocking) || analysis.verdict.errorClass === "unknown"
    ? "awaiting_user"
    : "diagnosed";
}

/** Low confidence the engine cannot fix by asking: the class is unknown and nothing is missing. */
export function outOfQuestions(analysis: Analysis): boolean {
  return analysis.verdict.errorClass === "unknown" && analysis.missing.length === 0;
}

/**
 * Restarts the stale clock from this event: a nudge after N hours while the bot waits on the
 * user, no timer at all in any other state (never while waiting on staff).
 */
export function restartStaleClock(draft: Draft, policy: ConversationPolicy): void {
  draft.cancelTimers();
  if (WAITING_ON_USER.has(draft.thread.state)) {
    draft.schedule("nudge", new Date(draft.at.getTime() + policy.nudgeAfterHours * HOUR_MS));
  }
}
