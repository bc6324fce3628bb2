import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { KeyedQueue } from "../../conversation/keyed-queue.js";
import type { ConversationPort } from "../../conversation/port.js";
import type { EventLoopTurns } from "../../inbox/event-loop-turns.js";
import type { InboxPump } from "../../inbox/pump.js";
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
  /** The workspace's URL from auth.test ("https://acme.slack.com/"): permalinks are built from it. */
  workspaceUrl?: string;
  /** Decides what the event handlers recorded and acked (src/inbox/pump.ts). */
  pump: InboxPump;
  /** One decision per event-loop turn, so acks are answered between decisions. */
  turns: EventLoopTurns;
  now: () => Date;
}
