import type { Action } from "../../conversation/port.js";
import type { HomeThread } from "../../render/slack/home-view.js";

/** Threads beyond this are dropped oldest-first; App Home shows a few dozen at most. */
const MAX_THREADS = 2000;

/**
 * The open threads this process has seen, for the staff's App Home: fed by incoming messages and
 * by the engine's state and handoff-card actions. In memory: after a restart it fills again as
 * threads move (the conversation port has no query for open threads).
 */
export class OpenThreads {
  private readonly threads = new Map<string, HomeThread>();

  /** Someone wrote in the thread (or the bot replied): it is active now. */
  touch(threadKey: string, at: Date, details: { title?: string; url?: string } = {}): void {
    const thread = this.threads.get(threadKey) ?? {
      threadKey,
      title: details.title ?? threadKey,
      state: "new" as const,
      assignee: null,
      lastActivity: at,
    };
    if (details.title && thread.title === threadKey) thread.title = details.title;
    if (details.url) thread.url = details.url;
    if (at > thread.lastActivity) thread.lastActivity = at;
    this.threads.delete(threadKey);
    this.threads.set(threadKey, thread);
    if (this.threads.size > MAX_THREADS) {
      const oldest = this.threads.keys().next().value;
      if (oldest !== undefined) this.threads.delete(oldest);
    }
  }

  apply(action: Action, at: Date): void {
    if (action.type === "state") {
      this.touch(action.threadKey, at);
      const thread = this.threads.get(action.threadKey);
      if (thread) thread.state = action.to;
      if (action.to === "solved" || action.to === "closed_stale")
        this.threads.delete(action.threadKey);
    } else if (action.type === "handoff_card") {
      const { card } = action;
      if (card.state === "solved" || card.state === "closed_stale") {
        this.threads.delete(card.threadKey);
        return;
      }
      this.touch(card.threadKey, at, { title: card.title, ...(card.url ? { url: card.url } : {}) });
      const thread = this.threads.get(card.threadKey);
      if (thread) {
        thread.state = card.state;
        thread.assignee = card.assignee;
      }
    } else if (action.type === "reply") {
      this.touch(action.threadKey, at);
    }
  }

  list(): HomeThread[] {
    return [...this.threads.values()];
  }
}
