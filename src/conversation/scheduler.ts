import type { Action, ConversationPort } from "./port.js";

export interface SchedulerDeps {
  port: Pick<ConversationPort, "tick">;
  /** Executes the actions fired timers produced (the adapter's delivery). */
  deliver: (actions: Action[]) => Promise<void>;
  clock: () => Date;
  /** Real-time polling interval; 0 disables polling (ticks only on `runOnce`). */
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

export interface Scheduler {
  /** Catches up on everything that came due while the bot was down, then polls. */
  start(): Promise<void>;
  /** Fires all due timers now; concurrent calls run one after another. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Timers live in the store with their due times, so nothing is lost across restarts; each run
 * fires everything due up to now, and the store's idempotency keys make each fire exactly once.
 */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  let chain: Promise<void> = Promise.resolve();
  let handle: NodeJS.Timeout | undefined;
  let stopped = false;

  const runOnce = (): Promise<void> => {
    chain = chain.then(async () => {
      if (stopped) return;
      try {
        const actions = await deps.port.tick(deps.clock());
        if (actions.length > 0) await deps.deliver(actions);
      } catch (error) {
        deps.onError?.(error);
      }
    });
    return chain;
  };

  return {
    async start() {
      await runOnce();
      const interval = deps.intervalMs ?? 60_000;
      if (interval > 0 && !stopped) {
        handle = setInterval(() => void runOnce(), interval);
        // Polling alone must not keep a finished process alive.
        handle.unref();
      }
    },
    runOnce,
    async stop() {
      stopped = true;
      if (handle) clearInterval(handle);
      await chain;
    },
  };
}
