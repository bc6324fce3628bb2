import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import { KeyedQueue } from "../../conversation/keyed-queue.js";
import type { ConversationPort } from "../../conversation/port.js";
import type { Deliveries } from "../../inbox/deliveries.js";
import { EventLoopTurns } from "../../inbox/event-loop-turns.js";
import { SlackAuthors } from "./authors.js";
import type { SlackConfig } from "./config.js";
import { type FilesOptions, SlackFiles } from "./files.js";
import { SlackPerformer } from "./perform.js";

/** What the Slack handlers share: built once per thread that serves Slack, passed to each part. */
export interface SlackRuntime {
  config: SlackConfig;
  conversation: ConversationPort;
  logger: Logger;
  client: webApi.WebClient;
  authors: SlackAuthors;
  files: SlackFiles;
  performer: SlackPerformer;
  queue: KeyedQueue;
  /**
   * Decides what the event handlers recorded and acked, and sends what was committed: on this
   * thread (src/adapters/slack/local-deliveries.ts) or on the engine thread.
   */
  deliveries: Deliveries;
  permalinks: Map<string, string>;
  /** The workspace's URL from auth.test ("https://acme.slack.com/"): permalinks are built from it. */
  workspaceUrl?: string;
  /** One decision per event-loop turn, so acks are answered between decisions. */
  turns: EventLoopTurns;
  now: () => Date;
}

export interface SlackRuntimeDeps {
  config: SlackConfig;
  conversation: ConversationPort;
  logger: Logger;
  client: webApi.WebClient;
  /** File download; src/net's downloadText by default. */
  download?: FilesOptions["download"];
  now?: () => Date;
}

/**
 * The runtime, with the deliveries `makeDeliveries` builds for it (local ones decide with this
 * runtime, so they are made once the rest of it exists).
 */
export function buildSlackRuntime<D extends Deliveries>(
  deps: SlackRuntimeDeps,
  makeDeliveries: (rt: SlackRuntime) => D,
): SlackRuntime & { deliveries: D } {
  const { config, conversation, logger, client } = deps;
  const parts: Omit<SlackRuntime, "deliveries"> = {
    config,
    conversation,
    logger,
    client,
    authors: new SlackAuthors(
      client,
      { staffUsers: config.staffUsers, staffGroups: config.staffGroups },
      logger,
    ),
    files: new SlackFiles(
      client,
      {
        botToken: config.botToken,
        apiUrl: config.apiUrl,
        maxFileBytes: config.maxFileBytes,
        ...(deps.download ? { download: deps.download } : {}),
      },
      logger,
    ),
    performer: new SlackPerformer({
      client,
      outbox: conversation.outbox,
      staffChannel: config.staffChannel,
      logger,
    }),
    queue: new KeyedQueue(),
    permalinks: new Map(),
    now: deps.now ?? (() => new Date()),
    turns: new EventLoopTurns(),
  };
  // Filled in at once: makeDeliveries keeps the runtime and reads `deliveries` only later.
  const rt = parts as SlackRuntime & { deliveries: D };
  rt.deliveries = makeDeliveries(rt);
  return rt;
}

/** The workspace's URL (auth.test): permalinks are built from it; without it they are asked for. */
export async function workspaceUrl(
  client: webApi.WebClient,
  logger: Logger,
): Promise<string | undefined> {
  try {
    const { url } = await client.auth.test();
    return url?.endsWith("/") ? url : url ? `${url}/` : undefined;
  } catch (error) {
    logger.warn({ err: error }, "auth.test gave no workspace URL; permalinks are asked for");
    return undefined;
  }
}
