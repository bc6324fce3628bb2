import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

export interface FakeSlackThreadData {
  users: Array<[string, { name: string; displayName: string }]>;
}

export type FromFakeSlackThread =
  | { type: "ready"; apiUrl: string; botToken: string; teamId: string; botUserId: string }
  | { type: "posts"; at: number; threadTs: string[] }
  | { type: "stopped" };

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, "..", "..");

/**
 * The driver's side of the fake Slack thread (fake-slack-thread.ts): where the fake listens, and
 * the chat.postMessage calls it saw, by thread_ts, with the time each came.
 */
export class RemoteFakeSlack {
  /** Every chat.postMessage so far. */
  posts = 0;
  private readonly listeners = new Set<(threadTs: string, at: number) => void>();

  private constructor(
    private readonly worker: Worker,
    readonly apiUrl: string,
    readonly botToken: string,
    readonly state: { teamId: string; botUserId: string },
  ) {
    worker.on("message", (message: FromFakeSlackThread) => {
      if (message.type !== "posts") return;
      this.posts += message.threadTs.length;
      for (const threadTs of message.threadTs)
        for (const listener of this.listeners) listener(threadTs, message.at);
    });
  }

  static async start(data: FakeSlackThreadData): Promise<RemoteFakeSlack> {
    // tsx is not passed on to worker threads in Node 20: the engine thread's starter registers it.
    const worker = new Worker(join(ROOT, "src/engine-thread/ts-worker.mjs"), {
      argv: [join(here, "fake-slack-thread.ts")],
      workerData: data,
    });
    const [ready] = (await once(worker, "message")) as [FromFakeSlackThread];
    if (ready.type !== "ready") throw new Error("the fake Slack thread did not start");
    return new RemoteFakeSlack(worker, ready.apiUrl, ready.botToken, {
      teamId: ready.teamId,
      botUserId: ready.botUserId,
    });
  }

  /** Calls `listener` for each chat.postMessage from now on; returns the way to stop. */
  onPost(listener: (threadTs: string, at: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    const stopped = once(this.worker, "exit");
    this.worker.postMessage({ type: "stop" });
    await stopped;
  }
}
