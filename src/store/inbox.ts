/**
 * The durable inbox: an event a platform needs acknowledged at once (Slack: within 3 s, or it
 * sends the event again) is recorded here and acked, and decided later (src/inbox/pump.ts). The
 * row is the event's promise: it goes only once the decision is committed, so a crash between
 * the ack and the decision leaves it here for the next start, never lost.
 */
export interface InboxEntry {
  /** The event's idempotency key (the same as its `events` row once decided). */
  id: string;
  threadKey: string;
  /** The adapter's own record of the event, as JSON; its text is already redacted. */
  payload: string;
  receivedAt: string;
  /** Tries that failed so far (a store hiccup, a platform call that kept failing). */
  attempts: number;
  lastError: string | null;
}

export interface NewInboxEntry {
  id: string;
  threadKey: string;
  payload: string;
  receivedAt: Date;
}

export interface InboxStore {
  /** Records an event; false when it is there already (a redelivery of an undecided event). */
  record(entry: NewInboxEntry): Promise<boolean>;
  /** Whether an undecided event of this thread waits: a reply right behind a question is ours. */
  holdsThread(threadKey: string): Promise<boolean>;
  /**
   * Up to `limit` events whose key starts with `prefix`, oldest first, claimed for this process:
   * none another live process holds, none waiting out a retry, and none queued behind an earlier
   * event of its thread that waits out a retry (a thread's events are decided in order).
   */
  take(prefix: string, limit: number, now: Date): Promise<InboxEntry[]>;
  /** Decided and committed: the rows go (the pump deletes a batch in one write). */
  done(ids: readonly string[]): Promise<void>;
  /** A try failed: released, to be taken again from `notBefore` on. */
  retryLater(id: string, error: string, notBefore: Date): Promise<void>;
  /** Undecided events of this prefix (a measure of the backlog, for /healthz and the bench). */
  backlog(prefix: string): Promise<number>;
  /** Set by an inbox several processes share: rows a dead one claimed come back after this. */
  readonly claimLeaseMs?: number;
}
