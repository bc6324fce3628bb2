import type { Logger } from "pino";
import type { Action } from "../model/actions.js";
import type { OutboxEntry, OutboxStore } from "../store/outbox.js";
import type { ClassifyFailure } from "./delivery-failure.js";

/** Sends one action; resolves with the platform id of the message that carries it, if any. */
export type Deliver = (entry: OutboxEntry) => Promise<string | null>;

export interface DrainerOptions {
  outbox: OutboxStore;
  /** Thread keys this drainer delivers ("discord:", "slack:"). */
  prefix: string;
  deliver: Deliver;
  /**
   * False when delivering the action calls no platform (a state change the platform shows no
   * reaction for): with no call to die in, no attempt is counted first, so it costs one write.
   */
  callsPlatform?: (action: Action) => boolean;
  classify: ClassifyFailure;
  logger: Logger;
  clock?: () => Date;
  /** Attempts before an action is parked as dead. */
  maxAttempts?: number;
  /** First backoff; doubled per attempt up to `maxDelayMs`, with jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  /** Threads delivered at once (a thread's own actions always go one after another). */
  concurrency?: number;
}

export interface Drainer {
  /**
   * Delivers everything due. Calls during a pass queue one more pass, which the promise waits
   * for, so a caller that just committed knows its actions were tried when it resolves.
   */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** Rows read per pass; a longer backlog is read by the next pass, queued at once. */
const BATCH = 200;

export const DRAIN_DEFAULTS = {
  maxAttempts: 6,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  concurrency: 8,
} as const;

function keyOf(action: Action): string {
  return action.type === "handoff_card" ? action.card.threadKey : action.threadKey;
}

/**
 * The one path out of the outbox: reads pending actions oldest first, delivers them (several
 * threads at once, each thread's one by one),
 * records each outcome, retries failures with backoff (at least the platform's Retry-After) and
 * parks an action as dead after `maxAttempts`, with a warning for staff. A thread's actions go
 * out in order: one waiting for a retry holds back the later ones of its thread only.
 */
export function createDrainer(options: DrainerOptions): Drainer {
  const { outbox, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? DRAIN_DEFAULTS.maxAttempts;
  const baseDelayMs = options.baseDelayMs ?? DRAIN_DEFAULTS.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? DRAIN_DEFAULTS.maxDelayMs;
  const concurrency = options.concurrency ?? DRAIN_DEFAULTS.concurrency;
  let chain: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;
  let wake: NodeJS.Timeout | undefined;
  let stopped = false;
  // A shared outbox (several replicas): rows a dead replica claimed come free only with time.
  const poll =
    outbox.claimLeaseMs === undefined
      ? undefined
      : setInterval(() => void drain(), Math.max(250, outbox.claimLeaseMs / 2));
  poll?.unref();

  function backoff(attempt: number): number {
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    // Half fixed, half random: never an immediate retry, and failures spread out.
    return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
  }

  async function attempt(entry: OutboxEntry): Promise<number | null> {
    if (options.callsPlatform?.(entry.action) !== false) await outbox.begin(entry.id, clock());
    try {
      const platformId = await options.deliver(entry);
      await outbox.delivered(entry.id, platformId, clock());
      return null;
    } catch (error) {
      const verdict = options.classify(error);
      const tries = entry.attempts + 1;
      const fields = {
        threadKey: entry.threadKey,
        actionId: entry.id,
        action: entry.action.type,
        attempts: tries,
        error: verdict.message,
      };
      if (verdict.permanent || tries >= maxAttempts) {
        await outbox.dead(entry.id, verdict.message, clock());
        logger.warn(fields, "delivery parked as dead: staff see it on /card and App Home");
        return null;
      }
      const wait = Math.min(maxDelayMs, Math.max(verdict.retryAfterMs ?? 0, backoff(tries)));
      const notBefore = new Date(clock().getTime() + wait);
      await outbox.retryLater(entry.id, verdict.message, notBefore);
      logger.info({ ...fields, retryInMs: wait }, "delivery failed; it will be retried");
      return notBefore.getTime();
    }
  }

  /**
   * One thread's actions of this pass, in order: one waiting out a retry holds back the rest of
   * its thread. False when the pass should start no more threads (new events came in and this
   * thread's next action is one that can wait).
   */
  async function sendThread(entries: readonly OutboxEntry[], later: (at: number) => void) {
    for (const entry of entries) {
      if (stopped) return false;
      // New actions were committed meanwhile (a drain is queued): the next pass reads the outbox
      // again, where they come before the rest of a backlog of what can wait (timers' notices).
      if (queued && entry.canWait) return false;
      const due = entry.nextAttemptAt ? Date.parse(entry.nextAttemptAt) : 0;
      if (due > clock().getTime()) {
        later(due);
        return true;
      }
      if (entry.supersededBy && !entry.inDoubt) {
        await outbox.superseded(entry.id, clock());
        continue;
      }
      const retryAt = await attempt(entry);
      if (retryAt !== null) {
        later(retryAt);
        return true;
      }
    }
    return true;
  }

  async function pass(): Promise<void> {
    const entries = await outbox.pending(options.prefix, BATCH);
    // Oldest first per thread; threads in the order of their oldest action (timers' last).
    const threads = new Map<string, OutboxEntry[]>();
    for (const entry of entries) {
      const key = keyOf(entry.action);
      const list = threads.get(key);
      if (list) list.push(entry);
      else threads.set(key, [entry]);
    }
    let nextDue: number | null = null;
    const later = (at: number) => {
      nextDue = nextDue === null ? at : Math.min(nextDue, at);
    };
    // Several threads at once: each call waits a round trip, and one at a time the round trips,
    // not the bot's work, set how many replies a second go out.
    const queue = [...threads.values()];
    let more = true;
    const lane = async () => {
      for (let next = queue.shift(); next && more; next = queue.shift()) {
        if (!(await sendThread(next, later))) more = false;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, lane));
    if (stopped || !more) return;
    if (entries.length === BATCH) void drain();
    else if (nextDue !== null) wakeAt(nextDue);
  }

  function wakeAt(at: number): void {
    if (stopped) return;
    if (wake) clearTimeout(wake);
    wake = setTimeout(() => void drain(), Math.max(0, at - clock().getTime()));
    // A retry waiting for later must not keep a finished process alive.
    wake.unref();
  }

  function drain(): Promise<void> {
    if (stopped) return chain;
    if (queued) return queued;
    const run = chain.then(async () => {
      queued = null;
      try {
        await pass();
      } catch (error) {
        // The store itself failed: try again shortly rather than never.
        logger.error({ err: error, prefix: options.prefix }, "outbox drain failed");
        wakeAt(clock().getTime() + baseDelayMs);
      }
    });
    queued = run;
    chain = run;
    return run;
  }

  return {
    drain,
    async stop() {
      stopped = true;
      if (wake) clearTimeout(wake);
      if (poll) clearInterval(poll);
      await chain;
    },
  };
}
