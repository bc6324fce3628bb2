import type { InboxStore } from "./inbox.js";
import type { OutboxStore } from "./outbox.js";
import type {
  OpenThreadRecord,
  ResolutionRecord,
  ThreadChange,
  ThreadSnapshot,
  TimerRecord,
} from "./records.js";

export type CommitResult = "committed" | "duplicate";

export interface TimerPage {
  limit: number;
  after?: { dueAt: string; id: string };
}

/**
 * What the rest of the bot knows about persistence. Asynchronous on purpose: the SQLite store
 * answers at once, a PostgreSQL store for several instances can implement the same interface.
 */
export interface Store {
  /** Actions waiting to be sent, and the ones given up on. */
  readonly outbox: OutboxStore;
  /** Events acked before they were decided (Slack), until their decision is committed. */
  readonly inbox: InboxStore;
  hasEvent(eventId: string): Promise<boolean>;
  /**
   * "Is this thread ours?": the bot has a stored conversation there. Adapters ask this instead
   * of remembering threads, so a reply after a restart is handled exactly as before it.
   */
  watches(threadKey: string): Promise<boolean>;
  /** Open threads whose key starts with `prefix` ("slack:"), most recently active first. */
  openThreads(prefix: string, limit?: number): Promise<OpenThreadRecord[]>;
  loadThread(threadKey: string): Promise<ThreadSnapshot | null>;
  /**
   * Applies all writes of one event atomically. "duplicate" when the event id was already
   * committed (nothing is written); throws `StoreConflictError` when the thread changed since
   * `expectedVersion` was read.
   */
  commit(change: ThreadChange): Promise<CommitResult>;
  /**
   * Timers not fired or cancelled whose due time is at or before `now`, earliest first (ties by
   * id). With `page`, at most `limit` of them, after the one named by `after` (keyset paging, so
   * a timer that stays pending is not read again).
   */
  dueTimers(now: Date, page?: TimerPage): Promise<TimerRecord[]>;
  /** Ties a stored action to the platform message that carried it; false when no such action. */
  recordSent(actionId: string, platformMessageId: string, at: Date): Promise<boolean>;
  /** For adapters that lost the action id: the thread's latest unsent action of that type. */
  recordSentLatest(
    threadKey: string,
    type: string,
    platformMessageId: string,
    at: Date,
  ): Promise<boolean>;
  resolutions(filter?: { errorClass?: string; provider?: string }): Promise<ResolutionRecord[]>;
  /** Small JSON values that must survive restarts (the console's session). */
  getSetting<T>(key: string): Promise<T | null>;
  setSetting(key: string, value: unknown): Promise<void>;
  close(): Promise<void>;
}

/** Another writer changed the thread between load and commit: reload and decide again. */
export class StoreConflictError extends Error {
  constructor(threadKey: string, expected: number | null, actual: number | null) {
    super(`thread ${threadKey} changed (expected version ${expected}, found ${actual})`);
    this.name = "StoreConflictError";
  }
}
