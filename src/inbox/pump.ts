import type { Logger } from "pino";
import type { KeyedQueue } from "../conversation/keyed-queue.js";
import type { InboxEntry, InboxStore } from "../store/inbox.js";

export interface InboxPumpOptions {
  inbox: InboxStore;
  /** The platform's thread keys ("slack:"): each adapter pumps its own events. */
  prefix: string;
  /** The adapter's thread queue: a thread's events are decided in order, one at a time. */
  queue: KeyedQueue;
  /** Decides one event and commits the decision; throws to have it tried again later. */
  decide(entry: InboxEntry): Promise<void>;
  logger: Logger;
  /**
   * Events taken from the store and not yet finished. Under overload the rest wait on disk, not
   * in memory: the process's memory does not grow with the backlog.
   */
  window?: number;
  /** How often to look without being kicked: retries coming due, a dead replica's claims. */
  pollMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  clock?: () => Date;
}

const DEFAULT_WINDOW = 64;
const DEFAULT_POLL_MS = 1_000;
/**
 * Decided events' rows are deleted together, this long after the first of a batch: one write in
 * place of one per event, so the adapter's inserts (on another thread, before each ack) find the
 * inbox's lock free far more often. A crash before the delete only means those events are taken
 * again on the next start, where the engine skips what it committed.
 */
const DONE_BATCH_MS = 20;

/**
 * Decides the events an adapter recorded and acked (src/store/inbox.ts), oldest first, each in
 * its thread's queue. A failed decision stays in the inbox and is tried again after a backoff
 * with jitter, without end: an acked event is never dropped (it is logged while it keeps failing).
 */
export class InboxPump {
  private inFlight = 0;
  private filling: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Decided and not yet deleted; they stay claimed by this process meanwhile. */
  private decided: string[] = [];
  private deleteTimer: NodeJS.Timeout | null = null;
  private deleting: Promise<void> = Promise.resolve();
  private readonly window: number;
  private readonly clock: () => Date;

  constructor(private readonly options: InboxPumpOptions) {
    this.window = options.window ?? DEFAULT_WINDOW;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Takes what an earlier run left and looks again every `pollMs`. */
  start(): void {
    this.stopped = false;
    const every = Math.min(
      this.options.pollMs ?? DEFAULT_POLL_MS,
      this.options.inbox.claimLeaseMs ?? Infinity,
    );
    this.timer = setInterval(() => this.kick(), every);
    this.timer.unref();
    this.kick();
  }

  /** A new event was recorded (or a slot came free): take more when there is room. */
  kick(): void {
    if (this.stopped) return;
    if (this.filling) {
      this.again = true;
      return;
    }
    this.filling = this.fill()
      .catch((error) => this.options.logger.error({ err: error }, "reading the inbox failed"))
      .finally(() => {
        this.filling = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves once nothing is in flight and nothing due waits in the inbox (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      await this.filling;
      this.kick();
      await this.filling;
      const took = this.lastTaken;
      await this.options.queue.idle();
      await this.deleteDecided();
      if (took === 0 && this.inFlight === 0 && !this.filling) return;
    }
  }

  /** Stops taking events; those in flight finish (their threads' queues are awaited by the adapter). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.filling;
    await this.deleteDecided();
  }

  /** Events the last fill took: none means nothing due waits (for `idle`). */
  private lastTaken = 0;

  private async fill(): Promise<void> {
    this.lastTaken = 0;
    // Taken by halves of the window: under load one write claims a batch, where a take per event
    // recorded held the inbox's lock as often as the adapter wrote to it (each take is a write).
    while (!this.stopped && this.inFlight <= this.window / 2) {
      const room = this.window - this.inFlight;
      const entries = await this.options.inbox.take(this.options.prefix, room, this.clock());
      if (entries.length === 0) return;
      this.lastTaken += entries.length;
      for (const entry of entries) this.dispatch(entry);
      if (entries.length < room) return;
    }
  }

  private dispatch(entry: InboxEntry): void {
    this.inFlight++;
    void this.options.queue
      .run(entry.threadKey, () => this.settle(entry))
      .finally(() => {
        this.inFlight--;
        // Half the window free: take the next batch (one read per batch, not per event).
        if (this.inFlight <= this.window / 2) this.kick();
      });
  }

  private async settle(entry: InboxEntry): Promise<void> {
    const { inbox, logger } = this.options;
    try {
      await this.options.decide(entry);
      this.markDecided(entry.id);
    } catch (error) {
      const attempts = entry.attempts + 1;
      const notBefore = new Date(this.clock().getTime() + this.backoff(attempts));
      const log = { err: error, eventId: entry.id, attempts };
      if (attempts >= 5) logger.error(log, "an acked event keeps failing; it stays in the inbox");
      else logger.warn(log, "deciding an acked event failed; it is tried again");
      await inbox
        .retryLater(entry.id, String((error as Error)?.message ?? error), notBefore)
        .catch((err) => logger.error({ err, eventId: entry.id }, "inbox retry not recorded"));
    }
  }

  private markDecided(id: string): void {
    this.decided.push(id);
    if (this.decided.length >= this.window) void this.deleteDecided();
    else
      this.deleteTimer ??= setTimeout(() => {
        void this.deleteDecided();
      }, DONE_BATCH_MS);
  }

  /** Deletes the decided events' rows in one write; on failure they wait for the next batch. */
  private deleteDecided(): Promise<void> {
    if (this.deleteTimer) clearTimeout(this.deleteTimer);
    this.deleteTimer = null;
    const ids = this.decided;
    if (ids.length === 0) return this.deleting;
    this.decided = [];
    this.deleting = this.deleting.then(() =>
      this.options.inbox.done(ids).catch((error) => {
        this.options.logger.warn(
          { err: error, events: ids.length },
          "deleting decided events failed",
        );
        this.decided.push(...ids);
      }),
    );
    return this.deleting;
  }

  /** Exponential with full jitter, capped: many failing events do not retry in step. */
  private backoff(attempts: number): number {
    const base = this.options.baseDelayMs ?? 500;
    const cap = this.options.maxDelayMs ?? 60_000;
    const ceiling = Math.min(cap, base * 2 ** (attempts - 1));
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }
}
