import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

export interface DriverData {
  /** The bot's receiver: http://127.0.0.1:PORT and /slack/events. */
  origin: string;
  path: string;
  secret: string;
  /** Events API request bodies, sent in this order. */
  bodies: string[];
  /** Bodies sent per second. */
  rate: number;
}

export type FromDriver = {
  type: "done";
  /** When each body was sent (epoch ms: performance.timeOrigin + performance.now()). */
  sentAt: Float64Array;
  /** How long each ack took; NaN where the request failed. */
  ackMs: Float64Array;
  /** Requests that failed or were not answered 200. */
  failed: number;
};

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, "..", "..");

/** Sends `bodies` at `rate` from the driver thread (slack-driver-thread.ts) and waits for every ack. */
export async function driveSignedEvents(data: DriverData): Promise<FromDriver> {
  // tsx is not passed on to worker threads in Node 20: the engine thread's starter registers it.
  const worker = new Worker(join(ROOT, "src/engine-thread/ts-worker.mjs"), {
    argv: [join(here, "slack-driver-thread.ts")],
    workerData: data,
  });
  const exited = once(worker, "exit");
  const [result] = (await Promise.race([
    once(worker, "message"),
    exited.then(() => {
      throw new Error("the Slack driver thread ended without a result");
    }),
  ])) as [FromDriver];
  await exited;
  return result;
}
