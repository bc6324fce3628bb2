import type { Logger } from "pino";
import type { Config } from "../config/config.js";
import type { KeyedQueue } from "../conversation/keyed-queue.js";
import type { ConversationPort } from "../conversation/port.js";
import type { Deliveries } from "../inbox/deliveries.js";
import type { DeliveringPlatform } from "./messages.js";

interface Running {
  deliveries: Deliveries;
  /** The platform's thread queue: its pump decides in it, and other calls for its threads join it. */
  queue: KeyedQueue;
  stopped: Promise<void> | null;
}

interface Deps {
  config: Config;
  conversation: ConversationPort;
  logger: Logger;
}

/**
 * The platforms' deliveries on the engine thread: each platform's inbox pump and outbox drainer
 * (one per platform in the process), started once the thread is ready and stopped before its
 * store closes.
 */
export class PlatformDeliveries {
  private constructor(
    private readonly running: Map<string, Running>,
    private readonly logger: Logger,
  ) {}

  static async create(platforms: readonly DeliveringPlatform[], deps: Deps) {
    const running = new Map<string, Running>();
    for (const platform of platforms) {
      // Loaded only when asked for: a Discord-only bot never loads Slack's Web API client here.
      const { slackDecidingHalf } = await import("../adapters/slack/deciding.js");
      const half = slackDecidingHalf({
        settings: deps.config,
        conversation: deps.conversation,
        logger: deps.logger,
      });
      running.set(platform, { ...half, stopped: null });
    }
    return new PlatformDeliveries(running, deps.logger);
  }

  /** Sends what an earlier run left and starts deciding; failures are logged, the pump retries. */
  start(): void {
    for (const [platform, { deliveries }] of this.running)
      deliveries
        .start()
        .catch((error) =>
          this.logger.error({ err: error, platform }, "starting the deliveries failed"),
        );
  }

  of(platform: unknown): Deliveries {
    const running = this.running.get(String(platform));
    if (!running) throw new Error(`no deliveries for "${String(platform)}" on the engine thread`);
    return running.deliveries;
  }

  /**
   * Runs `task` in the thread queue of the platform `threadKey` belongs to ("slack:…"), after the
   * decisions its pump has queued for that thread; a thread of a platform whose deliveries run
   * elsewhere is ordered by that platform's own queue.
   */
  inThreadOrder<T>(threadKey: string, task: () => Promise<T>): Promise<T> {
    const platform = threadKey.slice(0, threadKey.indexOf(":"));
    const running = this.running.get(platform);
    return running ? running.queue.run(threadKey, task) : task();
  }

  /** Stops one platform's deliveries (its adapter is stopping); a second call waits for the first. */
  stop(platform: unknown): Promise<void> {
    const running = this.running.get(String(platform));
    if (!running) return Promise.resolve();
    running.stopped ??= running.deliveries.stop();
    return running.stopped;
  }

  async stopAll(): Promise<void> {
    for (const platform of this.running.keys()) await this.stop(platform);
  }
}
