/**
 * The seam between platforms and the conversation engine. Adapters (console, Discord, Slack)
 * translate platform events into `IncomingEvent`s and execute the returned `Action`s; they hold
 * no triage logic. The engine is platform-free and returns actions instead of calling anything.
 */
import type { Redaction, RedactionResult } from "../core/redact/types.js";
import type { Action } from "../model/actions.js";
import type { Platform } from "../model/thread-state.js";
import type { InboxStore } from "../store/inbox.js";
import type { OutboxStore } from "../store/outbox.js";
import type { OpenThreadRecord } from "../store/records.js";
import type { RenderedNotice } from "./templates.js";

export type {
  Action,
  IssueConfirmOption,
  IssueOffer,
} from "../model/actions.js";
export type { HandoffCard } from "../model/handoff-card.js";
export type { HandoffReason, LifecycleState, Platform } from "../model/thread-state.js";
export type { RenderedNotice } from "./templates.js";

export interface IncomingAttachment {
  name: string;
  /** Decoded text, already capped by the adapter's ingest (src/ingest). */
  content: string;
  /** Set when the content was cut, skipped or could not be decoded: the reply says so. */
  note?: string;
}

export interface Author {
  id: string;
  name: string;
  isBot: boolean;
  /** Recognised by configured staff roles / user ids. */
  isStaff: boolean;
}

/** A message, an edit, or a command in a thread, as the adapter saw it. */
export interface IncomingEvent {
  platform: Platform;
  /** Stable id of the help thread (e.g. "discord:<threadId>", "slack:<channel>:<thread_ts>"). */
  threadKey: string;
  /** Idempotency key: platform message id plus edit time; a redelivered event has the same key. */
  eventId: string;
  messageId: string;
  kind: "message" | "edit";
  author: Author;
  text: string;
  attachments: IncomingAttachment[];
  at: Date;
  /** The thread's title (forum post title, first line), when the platform has one. */
  title?: string;
  /** The bot was mentioned or addressed directly. */
  mentionsBot?: boolean;
  /** A link back to the thread, for handoff cards and issue reports. */
  url?: string;
  /**
   * The channel or forum the thread lives in, when the thread key does not say (on Discord a
   * thread's key is its own id; this is its parent): REPLY_LANGUAGE per channel matches it.
   */
  channelId?: string;
  /**
   * Secrets the adapter took out of `text` before it recorded the event (the inbox keeps only
   * redacted text): the engine tells about them as about the ones it finds itself.
   */
  redactions?: Redaction[];
}

export type CommandName =
  | "triage"
  | "diagnose"
  | "handoff"
  | "solved"
  | "issue"
  | "claim"
  | "back_to_bot"
  | "card"
  /** Files the previewed issue: `argument` is "create" or "comment:<n>" (default: the preview's suggestion). */
  | "issue_confirm";

/** A slash command, button or menu action on a thread. */
export interface IncomingCommand {
  platform: Platform;
  threadKey: string;
  eventId: string;
  name: CommandName;
  author: Author;
  at: Date;
  /** Free-form argument (e.g. which mitigation worked for "solved"). */
  argument?: string;
}

export interface ConversationPort {
  /**
   * Actions committed with their events, waiting for a platform: adapters drain it after every
   * event, on every timer tick and at start-up (src/outbox), and never send from memory.
   */
  readonly outbox: OutboxStore;
  /**
   * Events recorded before they are acked and decided after (Slack's 3-second ack): an adapter
   * records what it must ack at once and decides it from here (src/inbox/pump.ts).
   */
  readonly inbox: InboxStore;
  /** The engine's secret rules on text an adapter keeps before the engine sees it (the inbox). */
  redact(text: string): RedactionResult;
  /** "Is this thread ours?": answered from the store, so it holds across restarts. */
  watches(threadKey: string): Promise<boolean>;
  /** Open threads of one platform (key prefix "slack:"), for staff lists such as App Home. */
  openThreads(prefix: string): Promise<OpenThreadRecord[]>;
  /**
   * Whether the store holds this event already (its idempotency key): the one duplicate check,
   * which the engine also makes; an adapter asks first to skip a redelivery's downloads.
   */
  knows(eventId: string): Promise<boolean>;
  receive(event: IncomingEvent): Promise<Action[]>;
  command(command: IncomingCommand): Promise<Action[]>;
  /** Due timers (stale nudges, closes) up to `now`; called by the scheduler. */
  tick(now: Date): Promise<Action[]>;
  /** The /incidents answer for staff (open incidents, then recent ones); absent: not watched. */
  incidents?(): Promise<RenderedNotice>;
  /** Staff ask for one tracker issue for an open incident (the newest without an id). */
  trackIncident?(id?: string): Promise<RenderedNotice>;
  /** The adapter reports the platform id of a message it posted for an action, for later edits. */
  recordSent(threadKey: string, action: Action, platformMessageId: string): Promise<void>;
}
