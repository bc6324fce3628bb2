import type { ServerResponse } from "node:http";
import { App, type CustomRoute, webApi } from "@slack/bolt";
import type { Logger } from "pino";
import { answerHealth, type HealthSource } from "../../health/health-report.js";
import { boltLogger } from "./bolt-logger.js";
import type { SlackConfig } from "./config.js";
import { StoreFirstSocketModeReceiver } from "./socket-receiver.js";

/** WebClient settings a caller may override (tests use a fast retry policy). */
export type SlackClientOptions = Pick<
  webApi.WebClientOptions,
  "retryConfig" | "timeout" | "maxRequestConcurrency"
>;

/** A stuck call would hold its thread's queue; Slack answers in well under this. */
const REQUEST_TIMEOUT_MS = 30_000;

/** GET /healthz: the app's report when `npm start` gives one, else "the receiver answers". */
function healthz(source?: HealthSource): CustomRoute {
  return {
    path: "/healthz",
    method: ["GET"],
    handler: (_req, res: ServerResponse) => {
      if (source) {
        void answerHealth(source, res);
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    },
  };
}

/** The Web API client's settings, Bolt's and the engine thread's alike. */
function clientOptions(
  config: SlackConfig,
  overrides: Partial<SlackClientOptions>,
): webApi.WebClientOptions {
  return {
    slackApiUrl: config.apiUrl,
    retryConfig: webApi.retryPolicies.tenRetriesInAboutThirtyMinutes,
    rejectRateLimitedCalls: false,
    timeout: REQUEST_TIMEOUT_MS,
    ...overrides,
  };
}

/**
 * A Web API client without Bolt, for the engine thread (src/engine-thread), which posts the
 * replies it decides: the same settings as the Bolt app's client.
 */
export function createSlackClient(
  config: SlackConfig,
  logger: Logger,
  overrides: Partial<SlackClientOptions> = {},
): webApi.WebClient {
  return new webApi.WebClient(config.botToken, {
    ...clientOptions(config, overrides),
    logger: boltLogger(logger),
  });
}

/**
 * The Bolt app: HTTP (Events API on /slack/events, signatures and timestamps verified by Bolt's
 * HTTPReceiver, GET /healthz) by default, Socket Mode when an app token is configured (an event's
 * envelope acked once it is stored, see StoreFirstSocketModeReceiver). Its
 * WebClient waits out 429s for as long as Retry-After says and retries (never
 * rejectRateLimitedCalls), so a rate-limited reply is late, not lost.
 */
export function createBoltApp(
  config: SlackConfig,
  logger: Logger,
  overrides: Partial<SlackClientOptions> = {},
  health?: HealthSource,
): App {
  const common = {
    token: config.botToken,
    logger: boltLogger(logger),
    ignoreSelf: true,
    // auth.test runs in app.init(), so a bad token fails startSlack instead of the first event.
    deferInitialization: true,
    // The error handler sees the body, to refuse the ack of an event that was not stored.
    extendedErrorHandler: true,
    // Bolt's conversation store (a per-channel state map read for every event) is unused: the
    // thread's state is in our store. Off, an event skips that middleware on the ack path.
    convoStore: false as const,
    clientOptions: clientOptions(config, overrides),
  };
  if (config.appToken) {
    const receiver = new StoreFirstSocketModeReceiver({
      appToken: config.appToken,
      logger: common.logger,
      // The receiver's own client opens the connection (apps.connections.open) on this URL.
      installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } },
    });
    return new App({ ...common, receiver });
  }
  return new App({
    ...common,
    signingSecret: config.signingSecret ?? "",
    customRoutes: [healthz(health)],
    // The answer to Slack waits for the listener, which resolves once the event is recorded in the
    // inbox (src/adapters/slack/inbox-record.ts), before it is decided: an event is never acked
    // and then lost to a crash, and deciding and replying are not part of Slack's 3-second budget.
    processBeforeResponse: true,
  });
}
