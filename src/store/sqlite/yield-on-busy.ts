import { SqliteIssueLedger } from "./issue-ledger.js";
import { SqliteInbox } from "./sqlite-inbox.js";
import { SqliteIncidentStore } from "./sqlite-incidents.js";
import { SqliteIssueWatch } from "./sqlite-issue-watch.js";
import { SqliteOutbox } from "./sqlite-outbox.js";
import type { SqliteStore } from "./sqlite-store.js";

/** How long a statement keeps trying for the write lock before failing, as busy_timeout did. */
const GIVE_UP_MS = 10_000;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Runs `attempt` again while the database is locked, sleeping without blocking the thread. */
async function untilUnlocked<T>(attempt: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() - started > GIVE_UP_MS) throw error;
      // 1, 2, 4, 4 … ms with jitter: the other thread holds the lock for well under a
      // millisecond (the inbox has a file of its own), so a short wait finds it free.
      const ceiling = Math.min(4, 2 ** (tries - 1));
      await sleep(ceiling / 2 + Math.random() * (ceiling / 2));
    }
  }
}

const SUB_STORES = [
  SqliteOutbox,
  SqliteInbox,
  SqliteIssueLedger,
  SqliteIncidentStore,
  SqliteIssueWatch,
];
const isSubStore = (value: unknown) => SUB_STORES.some((kind) => value instanceof kind);

function wrap<T extends object>(target: T, cache: WeakMap<object, object>): T {
  const known = cache.get(target);
  if (known) return known as T;
  const proxy = new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property, object) as unknown;
      if (isSubStore(value)) return wrap(value as object, cache);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        // Called on the store itself: its own calls between methods do not go through here.
        const result = (value as (...a: unknown[]) => unknown).apply(object, args);
        if (result instanceof Promise)
          return result.catch((error: unknown) => {
            if (!isBusy(error)) throw error;
            return untilUnlocked(async () =>
              (value as (...a: unknown[]) => unknown).apply(object, args),
            );
          });
        return isSubStore(result) ? wrap(result as object, cache) : result;
      };
    },
  });
  cache.set(target, proxy);
  return proxy;
}

/**
 * The store for a thread that must never block (the main thread beside the engine thread, which
 * writes the same file): its connection has busy_timeout 0, so a statement that finds the write
 * lock held fails at once with SQLITE_BUSY instead of sleeping inside SQLite, and here the method
 * is tried again after a short timer. Each store method is one statement or one transaction, so
 * trying it again is safe; reads in WAL mode never wait.
 */
export function yieldingOnBusy(store: SqliteStore): SqliteStore {
  return wrap(store, new WeakMap());
}
