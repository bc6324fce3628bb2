import type { Logger } from "pino";
import type { Config, PlatformName } from "../config/config.js";
import type { Action, ConversationPort } from "../conversation/port.js";
import type { HealthSource } from "../health/health-report.js";
import type { Deliveries } from "../inbox/deliveries.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { Store } from "../store/store.js";

/** What a platform adapter gets from `npm start`. */
export interface AdapterDeps {
  config: Config;
  conversation: ConversationPort;
  store: Store;
  kb: Knowledge;
  logger: Logger;
  /** The app's /healthz report, for an adapter that serves HTTP itself (Slack's receiver). */
  health: HealthSource;
  /**
   * The platform's deliveries when they run on the engine thread (decide what the adapter acked,
   * send what was committed); undefined: the adapter runs its own beside its socket.
   */
  deliveries?: (platform: PlatformName) => Deliveries | undefined;
}

/** A started platform adapter: it delivers actions the scheduler produced, and stops cleanly. */
export interface RunningAdapter {
  platform: PlatformName;
  deliver(actions: readonly Action[]): Promise<void>;
  stop(): Promise<void>;
  /** True when this adapter answers GET /healthz on PORT (Slack in HTTP mode). */
  servesHealth?: boolean;
}

export type StartAdapter = (deps: AdapterDeps) => Promise<RunningAdapter>;

/**
 * Platform → how to start it. Each entry imports its adapter lazily, so one platform's library
 * (discord.js, Bolt) is not loaded when only the other, or the console, runs.
 */
export const ADAPTERS: Record<PlatformName, StartAdapter> = {
  discord: async (deps) =>
    (await import("./discord/index.js")).startDiscordAdapter({
      config: deps.config,
      conversation: deps.conversation,
      logger: deps.logger,
    }),
  slack: async (deps) => {
    const deliveries = deps.deliveries?.("slack");
    return (await import("./slack/index.js")).startSlackAdapter({
      config: deps.config,
      conversation: deps.conversation,
      logger: deps.logger,
      health: deps.health,
      ...(deliveries ? { deliveries } : {}),
    });
  },
};

/** The thread an action belongs to, whose key starts with its platform ("discord:…"). */
export function actionThreadKey(action: Action): string {
  return action.type === "handoff_card" ? action.card.threadKey : action.threadKey;
}
