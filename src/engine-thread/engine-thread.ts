import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import type { Config } from "../config/config.js";
import {
  type DeliveringPlatform,
  EngineCallError,
  type EngineMethod,
  type EngineResult,
  type EngineThreadData,
  type FromEngine,
  type ToEngine,
} from "./messages.js";

export interface EngineThreadOptions {
  config: Config;
  logger: Logger;
  /** Decide sample posts on the thread before it takes work (default true). */
  warmUp?: boolean;
  /** Platforms whose inbox pump and outbox drainer run on the thread (src/inbox/deliveries.ts). */
  deliversFor?: DeliveringPlatform[];
  /** First wait before starting a thread that died again; doubles up to 30 s, with jitter. */
  restartDelayMs?: number;
  /**
   * A call not answered in this long means the thread is stuck (a runaway loop): it is ended and
   * started again, and its calls fail, so their events are tried again later (default 5 min: a
   * command may wait out GitHub's rate limit while it files an issue).
   */
  callTimeoutMs?: number;
}

const TICK_TIMEOUT_MS = 15 * 60_000;

/** The engine thread stopped or could not start: the call was not (or not surely) decided. */
export class EngineThreadError extends Error {
  override name = "EngineThreadError";
}

/** worker-main next to this file: compiled .js, or .ts through tsx (`npm start`, tests). */
function workerEntry(): { file: string; argv?: string[] } {
  const here = fileURLToPath(import.meta.url);
  const ts = join(dirname(here), "worker-main.ts");
  if (!here.endsWith(".ts") || !existsSync(ts))
    return { file: join(dirname(here), "worker-main.js") };
  return { file: join(dirname(here), "ts-worker.mjs"), argv: [ts] };
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** The stuck-thread watchdog; none for a call that may rightly wait without bound. */
  timer: NodeJS.Timeout | undefined;
}

/**
 * The conversation's decisions on a worker thread (src/engine-thread/worker-main.ts), with its own
 * store connection. Analysis and commits take milliseconds of CPU per event; on the main thread
 * they queue in front of the platforms' I/O (Slack's acks, Discord's heartbeats). A thread that
 * dies fails its calls in flight (each caller keeps its event and tries again: the inbox, the
 * scheduler) and is started again after a backoff.
 */
export class EngineThread {
  private worker: Worker | null = null;
  private ready: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopping = false;
  private restarts = 0;
  warmUpMs: number | null = null;

  private constructor(private readonly options: EngineThreadOptions) {
    this.ready = this.spawn();
  }

  /** Starts the thread and waits until it has its store and knowledge (and has warmed up). */
  static async start(options: EngineThreadOptions): Promise<EngineThread> {
    const thread = new EngineThread(options);
    await thread.ready;
    return thread;
  }

  /** Whether `platform`'s inbox pump and outbox drainer run on this thread. */
  delivers(platform: string): platform is DeliveringPlatform {
    return (this.options.deliversFor ?? []).includes(platform as DeliveringPlatform);
  }

  async call<M extends EngineMethod>(method: M, ...args: unknown[]): Promise<EngineResult<M>> {
    if (this.stopping) throw new EngineThreadError("the engine thread is stopping");
    await this.ready;
    const worker = this.worker;
    if (!worker) throw new EngineThreadError("the engine thread is not running");
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timeout = this.timeoutFor(method);
      const timer =
        timeout === null ? undefined : setTimeout(() => this.stuck(worker, method), timeout);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      worker.postMessage({ type: "call", id, method, args } satisfies ToEngine);
    });
  }

  /**
   * How long a call may go unanswered before the thread counts as stuck. A tick after a long
   * outage fires thousands of timers (each committed as it goes) and may rightly take minutes. A
   * drain waits out the platform's Retry-After, which has no bound the bot sets: only the calls
   * that decide are watched for it.
   */
  private timeoutFor(method: EngineMethod): number | null {
    const limit = this.options.callTimeoutMs ?? 5 * 60_000;
    if (method === "tick") return Math.max(limit, TICK_TIMEOUT_MS);
    if (method.startsWith("deliveries.") && method !== "deliveries.kick") return null;
    return limit;
  }

  /** Lets the calls in flight finish, closes the thread's store connection and ends it. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.ready.catch(() => undefined);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((done) => worker.once("exit", () => done()));
    worker.postMessage({ type: "stop" } satisfies ToEngine);
    const timeout = setTimeout(() => void worker.terminate(), 10_000);
    await exited;
    clearTimeout(timeout);
  }

  private spawn(): Promise<void> {
    const { file, argv } = workerEntry();
    const data: EngineThreadData = {
      config: this.options.config,
      warmUp: this.options.warmUp ?? true,
      deliversFor: this.options.deliversFor ?? [],
    };
    const worker = new Worker(file, { workerData: data, ...(argv ? { argv } : {}) });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let started = false;
      worker.on("message", (message: FromEngine) => {
        if (message.type === "ready") {
          started = true;
          this.restarts = 0;
          this.warmUpMs = message.warmUpMs;
          resolve();
        } else if (message.type === "failed") {
          reject(
            new EngineThreadError(`the engine thread did not start: ${message.error.message}`),
          );
        } else if (message.type === "answer") {
          const waiting = this.pending.get(message.id);
          if (waiting) clearTimeout(waiting.timer);
          this.pending.delete(message.id);
          if (message.ok) waiting?.resolve(message.value);
          else waiting?.reject(new EngineCallError(message.error));
        }
      });
      worker.on("error", (error) => {
        this.options.logger.error({ err: error }, "the engine thread failed");
        if (!started)
          reject(new EngineThreadError(`the engine thread did not start: ${error.message}`));
      });
      worker.on("exit", (code) => {
        this.worker = null;
        this.failPending(`the engine thread stopped (exit code ${code})`);
        if (!started)
          reject(new EngineThreadError(`the engine thread exited while starting (code ${code})`));
        else if (!this.stopping) this.restartLater(code);
      });
    });
  }

  private failPending(reason: string): void {
    for (const waiting of this.pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(new EngineThreadError(reason));
    }
    this.pending.clear();
  }

  /** A call went unanswered: the thread is ended; its exit fails the calls and restarts it. */
  private stuck(worker: Worker, method: string): void {
    if (this.worker !== worker) return;
    this.options.logger.error(
      { method },
      "the engine thread did not answer in time; restarting it",
    );
    void worker.terminate();
  }

  private restartLater(code: number): void {
    this.restarts++;
    const base = this.options.restartDelayMs ?? 500;
    const ceiling = Math.min(30_000, base * 2 ** (this.restarts - 1));
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.options.logger.error(
      { code, restartInMs: Math.round(delay) },
      "the engine thread stopped; starting it again",
    );
    this.ready = new Promise<void>((resolve) => setTimeout(resolve, delay))
      .then(() => this.spawn())
      .catch((error: Error) => {
        // Calls waiting now fail (their events wait in the inbox); the thread is tried again.
        this.options.logger.error({ err: error }, "the engine thread did not start again");
        if (!this.stopping) this.restartLater(-1);
        throw error;
      });
    this.ready.catch(() => undefined);
  }
}
