import { type Analysis, analyze } from "../core/analyze.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { Draft } from "./draft.js";
import { toThread } from "./ingest.js";
import type { IssueSettings } from "./issue.js";
import type { ConversationPolicy } from "./policy.js";

/** What every decision needs besides the thread: knowledge and policy. */
export interface DecideContext {
  kb: Knowledge;
  policy: ConversationPolicy;
  /** Issue drafting and filing; without it the card carries no issue link. */
  issues?: IssueSettings;
}

/** The engine re-reads the whole thread on every event: the verdict is a function of all of it. */
export function analyzeDraft(draft: Draft, ctx: DecideContext): Analysis {
  return analyze(toThread(draft.thread.title, draft.messages), ctx.kb, draft.at);
}

/** The thread as it stood before this event (null for its first message). */
export function analyzeBefore(draft: Draft, ctx: DecideContext): Analysis | null {
  const earlier = draft.snapshot?.messages ?? [];
  if (earlier.filter((m) => m.role !== "bot").length === 0) return null;
  return analyze(toThread(draft.thread.title, earlier), ctx.kb, draft.at);
}
