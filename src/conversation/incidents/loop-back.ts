import type { Knowledge } from "../../knowledge/knowledge.js";
import type { Action } from "../../model/actions.js";
import type { IssueWatchStore } from "../../store/issue-watch.js";
import type { ThreadSnapshot } from "../../store/records.js";
import type { Decision } from "../draft.js";
import { Draft } from "../draft.js";
import { restartStaleClock } from "../lifecycle.js";
import type { ConversationPolicy } from "../policy.js";
import { renderNotice } from "../templates.js";
import type { CommitInThread } from "./thread-notes.js";
import type { IncidentTrackerPort, IssueOutcome } from "./tracker-port.js";

export interface LoopBackDeps {
  kb: Knowledge;
  policy: ConversationPolicy;
  tracker: IncidentTrackerPort;
  issueWatch: IssueWatchStore;
  commit: CommitInThread;
}

const FINISHED = new Set(["solved", "closed_stale"]);

/**
 * The fix reaches the thread once; a thread still open now waits on its reporter to confirm
 * (diagnosed, with the stale clock running: the nudge asks "did it work?"), so it moves on to
 * solved or closes instead of waiting forever.
 */
function fixedNote(eventId: string, at: Date, outcome: IssueOutcome, deps: LoopBackDeps) {
  return (snapshot: ThreadSnapshot | null): Decision | null => {
    if (!snapshot) return null;
    const draft = new Draft(snapshot, snapshot.thread, eventId, "incident", at);
    draft.emit({
      type: "notice",
      threadKey: draft.threadKey,
      reason: "fixed",
      ...renderNotice(deps.kb, "issue-fixed", {
        title: outcome.title,
        url: outcome.url,
        version: outcome.fixedIn,
      }),
    });
    // A thread a staff member holds stays theirs; the note tells them too.
    if (!FINISHED.has(draft.thread.state) && draft.thread.assignee === null) {
      draft.setState("diagnosed");
      restartStaleClock(draft, deps.policy);
    }
    return draft.finish();
  };
}

/** Checks every watched issue once; a closed-as-fixed one notes each linked thread once. */
export async function checkWatchedIssues(deps: LoopBackDeps, now: Date): Promise<Action[]> {
  const actions: Action[] = [];
  for (const watched of await deps.issueWatch.openWatchedIssues()) {
    const outcome = await deps.tracker.outcome(watched.issueNumber);
    if (outcome?.state !== "closed") continue;
    const fixed = outcome.stateReason === null || outcome.stateReason === "completed";
    // Notes first, each idempotent: a crash before the close is recorded re-notes nobody.
    if (fixed) {
      for (const key of await deps.issueWatch.threadsOfIssue(watched.issueNumber)) {
        const eventId = `fixed:${watched.issueNumber}:${key}`;
        actions.push(...(await deps.commit(key, eventId, fixedNote(eventId, now, outcome, deps))));
      }
    }
    const reason = outcome.stateReason ?? "closed";
    await deps.issueWatch.issueClosed(watched.issueNumber, now.toISOString(), reason);
  }
  return actions;
}
