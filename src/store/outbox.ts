/**
 * The durable outbox: actions committed with their event wait here until a platform confirmed
 * them. Only the drainer reads it; the platform message id is written before the work counts as
 * done, so a crash in between leaves the action pending (and "in doubt"), never forgotten.
 */
import type { Action } from "../model/actions.js";

export type DeliveryStatus = "pending" | "sent" | "inline" | "superseded" | "dead";

export interface OutboxEntry {
  id: string;
  threadKey: string;
  action: Action;
  /** Attempts started so far; > 0 on a fresh start means a crash may have sent it already. */
  attempts: number;
  /** Not before this time (backoff or the platform's Retry-After); null: at once. */
  nextAttemptAt: string | null;
  lastError: string | null;
  /** An attempt began and never ended (the process died): the platform may have it already. */
  inDoubt: boolean;
  /** A later reply in the thread that stands for this one, when this is an unsent reply. */
  supersededBy: string | null;
  createdAt: string;
  /**
   * Fired by a timer (a nudge, a close), not by someone's message: handed out after the rest
   * (see `pending`), and a drainer re-reads the outbox before sending it when new actions came.
   */
  canWait?: boolean;
}

/** An action given up on after repeated failures: shown to staff, never silently dropped. */
export interface DeadLetter {
  id: string;
  threadKey: string;
  type: Action["type"];
  attempts: number;
  error: string;
  createdAt: string;
  deadAt: string;
}

export interface OutboxStore {
  /**
   * Set by an outbox several replicas share (rows are claimed for this long): drainers then also
   * poll, so rows a dead replica held are sent once its claim ran out, without a new event.
   */
  readonly claimLeaseMs?: number;
  /**
   * Pending actions whose thread key starts with `prefix` ("discord:"), oldest first, those of
   * people's messages before those timers fired.
   */
  pending(prefix: string, limit: number): Promise<OutboxEntry[]>;
  /** Counts an attempt before the platform is called, so a crash mid-call is known after it. */
  begin(id: string, at: Date): Promise<void>;
  /** The platform took it; `platformMessageId` is null for actions that post no message. */
  delivered(id: string, platformMessageId: string | null, at: Date): Promise<void>;
  retryLater(id: string, error: string, notBefore: Date): Promise<void>;
  dead(id: string, error: string, at: Date): Promise<void>;
  /** A later action of the same kind in the thread stands for this one (an older reply). */
  superseded(id: string, at: Date): Promise<void>;
  /** The newest reply in the thread the platform confirmed, for platforms that edit it in place. */
  lastDeliveredReply(threadKey: string): Promise<string | null>;
  /** Parked deliveries, newest first; of one thread when `threadKey` is given. */
  deadLetters(threadKey?: string, limit?: number): Promise<DeadLetter[]>;
}
