import type { Logger } from "pino";
import type { Deliveries } from "../inbox/deliveries.js";
import type { EngineThread } from "./engine-thread.js";
import type { DeliveringPlatform } from "./messages.js";

/**
 * A platform's deliveries as the main thread sees them when they run on the engine thread: a
 * recorded event kicks the thread's pump (at most one kick in flight: the pump takes everything
 * waiting), drains and stops are calls. The thread starts its deliveries itself, when it starts and
 * after each restart, so `start` has nothing to do here.
 */
export function remoteDeliveries(
  engine: EngineThread,
  platform: DeliveringPlatform,
  logger: Logger,
): Deliveries {
  let kicking = false;
  let again = false;
  const kick = (): void => {
    if (kicking) {
      again = true;
      return;
    }
    kicking = true;
    engine
      .call("deliveries.kick", platform)
      // The pump also looks on its own every second: a kick lost to a restart only waits for that.
      .catch((error) => logger.debug({ err: error }, "kicking the engine thread's inbox failed"))
      .finally(() => {
        kicking = false;
        if (again) {
          again = false;
          kick();
        }
      });
  };
  return {
    start: async () => undefined,
    kick,
    drain: () => engine.call("deliveries.drain", platform),
    idle: () => engine.call("deliveries.idle", platform),
    stop: () => engine.call("deliveries.stop", platform),
  };
}
