/**
 * The seam between platforms and the conversation engine. Adapters (console, Discord, Slack)
 * translate platform events into `IncomingEvent`s and execute the returned `Action`s; they hold
 * no triage logic. The engine is platform-free and returns actions instead of calling anything.
 */
import type { Analysis } from "../core/analyze.js";
import type { RedactedText } from "../core/redact/types.js";
import type { TriageReport } from "../core/report.js";

export type Platform = "console" | "discord" | "slack";

/** new → awaiting_user → diagnosed → handed_off → solved | closed_stale; a user reply reopens. */
export type LifecycleState =
  | "new"
  | "awaiting_user"
  | "diagnosed"
  | "handed_off"
  | "solved"
  | "closed_stale";

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

/** Why a thread went to humans. */
export type HandoffReason = "requested" | "low_confidence" | "staff_reply" | "command" | "claimed";

/** What the staff see when a thread is handed to humans. */
export interface HandoffCard {
  threadKey: string;
  title: string;
  url?: string;
  state: LifecycleState;
  summary: RedactedText;
  report: TriageReport;
  askedAndAnswered: Array<{
    id: string;
    askedAt: string;
    answered: boolean;
    /** Human label of the question ("The raw provider error"). */
    label?: string;
    answeredAt?: string | null;
  }>;
  redactionKinds: string[];
  assignee: string | null;
  /** Why it was handed off, and by whom (a display name), when known. */
  reason?: HandoffReason;
  requestedBy?: string | null;
  /** Display names of other members who reported the same problem in the thread. */
  affected?: string[];
  /** Messages per role, so staff see who has been talking. */
  messageCounts?: { reporter: number; community: number; staff: number };
  /** The reporter's display name. */
  reporter?: string;
  /** The pre-filled "new issue" link, when the verdict offers an issue report. */
  issueUrl?: string;
  /** The issue filed (or commented on) for this thread from the bot. */
  issueFiled?: { number: number; url: string; action: "created" | "commented" };
}

/** One way to file a previewed issue; the adapter sends it back as `issue_confirm`'s argument. */
export type IssueConfirmOption =
  | { action: "create"; argument: "create" }
  | { action: "comment"; issueNumber: number; argument: `comment:${number}` };

/** What an `/issue` preview carries besides its text, for adapters to render buttons. */
export interface IssueOffer {
  /** The pre-filled "new issue" link (under 8,000 characters). */
  url: string;
  /** Filing choices; empty without a GitHub token or when the asker may not file. */
  confirm: IssueConfirmOption[];
  /** Set when the issue was filed already. */
  filed?: { number: number; url: string };
}

/**
 * Every action may carry `id`: the engine's stable id for it. Adapters pass the action back to
 * `recordSent` unchanged, so the id ties the platform message to the stored action.
 */
export type Action =
  /** Post the bot's reply, or edit the bot's earlier reply when `replaces` names it. */
  | {
      type: "reply";
      threadKey: string;
      text: RedactedText;
      report: TriageReport;
      analysis?: Analysis;
      replaces?: string;
      id?: string;
    }
  /**
   * A short message in the thread (claim notice, nudge, close summary). `mention` is the user id
   * to ping (the reporter on a nudge); the adapter renders it the platform's way.
   */
  | {
      type: "notice";
      threadKey: string;
      text: RedactedText;
      reason: "claimed" | "nudge" | "closed" | "reopened" | "solved" | "handoff" | "info";
      mention?: string;
      id?: string;
    }
  /** Answer only the person who ran a command (Discord ephemeral, Slack ephemeral); `card` when it shows the handoff card. */
  | {
      type: "ephemeral";
      threadKey: string;
      userId: string;
      text: RedactedText;
      card?: HandoffCard;
      /** Set on an `/issue` preview: the link and the filing choices. */
      issue?: IssueOffer;
      id?: string;
    }
  /** The thread's lifecycle state changed (forum tags, App Home). */
  | { type: "state"; threadKey: string; from: LifecycleState; to: LifecycleState; id?: string }
  /** Post or update the handoff card in the staff channel. */
  | { type: "handoff_card"; card: HandoffCard; replaces?: string; id?: string };

export interface ConversationPort {
  receive(event: IncomingEvent): Promise<Action[]>;
  command(command: IncomingCommand): Promise<Action[]>;
  /** Due timers (stale nudges, closes) up to `now`; called by the scheduler. */
  tick(now: Date): Promise<Action[]>;
  /** The adapter reports the platform id of a message it posted for an action, for later edits. */
  recordSent(threadKey: string, action: Action, platformMessageId: string): Promise<void>;
}
