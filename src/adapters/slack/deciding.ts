import type { Logger } from "pino";
import type { KeyedQueue } from "../../conversation/keyed-queue.js";
import type { ConversationPort } from "../../conversation/port.js";
import type { Deliveries } from "../../inbox/deliveries.js";
import { createSlackClient } from "./app.js";
import { type AppSlackSettings, SlackConfigError, slackConfigFromApp } from "./config.js";
import { localSlackDeliveries } from "./local-deliveries.js";
import { buildSlackRuntime, workspaceUrl } from "./runtime.js";

/**
 * Slack's deciding half away from Bolt (the engine thread): its own Web API client, the inbox
 * pump that decides what Bolt's thread recorded and acked, and the outbox drainer that posts the
 * replies. `queue` is its thread queue, which the engine thread's other calls for Slack threads
 * (commands from buttons and forms) join, so a thread's decisions stay one at a time.
 */
export function slackDecidingHalf(deps: {
  settings: AppSlackSettings;
  conversation: ConversationPort;
  logger: Logger;
}): { deliveries: Deliveries; queue: KeyedQueue } {
  const config = slackConfigFromApp(deps.settings);
  if (!config) throw new SlackConfigError("SLACK_BOT_TOKEN", "not set");
  const logger = deps.logger.child({ platform: "slack" });
  const client = createSlackClient(config, logger);
  const rt = buildSlackRuntime({ config, conversation: deps.conversation, logger, client }, (r) =>
    localSlackDeliveries(r),
  );
  const local = rt.deliveries;
  const deliveries: Deliveries = {
    ...local,
    async start() {
      rt.workspaceUrl = await workspaceUrl(client, logger);
      await local.start();
    },
  };
  return { deliveries, queue: rt.queue };
}
