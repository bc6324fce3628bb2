import type { Logger } from "pino";
import type { KeyedQueue } from "../../conversation/keyed-queue.js";

export interface HomeRefreshOptions {
  queue: KeyedQueue;
  /** Builds and publishes one user's App Home view. */
  publish: (user: string) => Promise<void>;
  logger: Logger;
  /** Threads with work queued (replies being decided or sent) above which a refresh waits. */
  busyThreads?: number;
  /** How long a refresh waits for the replies at most; then it is published anyway. */
  maxWaitMs?: number;
  pauseMs?: number;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * App Home views can wait, replies cannot: an app_home_opened event is acked at once and its
 * view published off the ack path, after the replies queued at that moment (up to `maxWaitMs`).
 * A user has at most one refresh waiting (opening the tab again joins it), so under overload the
 * memory this takes is bounded by the number of users, not of events. The refresh runs in the
 * adapter's queue, so shutdown and `idle()` wait for it like for any thread's work.
 */
export class HomeRefreshes {
  private readonly waiting = new Set<string>();

  constructor(private readonly options: HomeRefreshOptions) {}

  /** Queues a refresh of `user`'s view; false when one is waiting already. */
  request(user: string): boolean {
    if (this.waiting.has(user)) return false;
    this.waiting.add(user);
    this.options.queue
      .run(`home:${user}`, async () => {
        try {
          await this.untilRepliesLetUp();
        } finally {
          this.waiting.delete(user);
        }
        await this.options.publish(user);
      })
      .catch((error) =>
        this.options.logger.error({ err: error, user }, "publishing App Home failed"),
      );
    return true;
  }

  private busy(): boolean {
    // The refreshes waiting are in the queue too; only the threads' work counts as load.
    return this.options.queue.size - this.waiting.size > (this.options.busyThreads ?? 4);
  }

  private async untilRepliesLetUp(): Promise<void> {
    const maxWaitMs = this.options.maxWaitMs ?? 10_000;
    const start = Date.now();
    while (this.busy() && Date.now() - start < maxWaitMs) {
      await pause(this.options.pauseMs ?? 50);
    }
  }
}
