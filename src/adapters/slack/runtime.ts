import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { KeyedQueue } from "../../conversation/keyed-queue.js";
import type { ConversationPort } from "../../conversation/port.js";
import type { SlackAuthors } from "./authors.js";
import type { SlackConfig } from "./config.js";
import type { SlackFiles } from "./files.js";
import type { SlackPerformer } from "./perform.js";

/** What the Slack handlers share: built once in `startSlack`, passed to each registration. */
export interface SlackRuntime {
  config: SlackConfig;
  conversation: ConversationPort;
  logger: Logger;
  client: webApi.WebClient;
  authors: SlackAuthors;
  files: SlackFiles;
  performer: SlackPerformer;
  queue: KeyedQueue;
  /** Sends what the engine committed (the outbox drainer); resolves once it was tried. */
  drain: () => Promise<void>;
  permalinks: Map<string, string>;
  now: () => Date;
}
