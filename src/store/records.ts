/**
 * The rows the conversation engine reads and writes, independent of the database behind them.
 * Every text field that came from a user is `RedactedText`: the store never sees a raw secret.
 */

import type { FactSheet } from "../core/facts.js";
import type { RedactedText, Redaction } from "../core/redact/types.js";
import type { TriageReport } from "../core/report.js";
import type { AuthorRole } from "../core/thread.js";
import type { Action } from "../model/actions.js";
import type { HandoffCard } from "../model/handoff-card.js";
import type { HandoffReason, LifecycleState, Platform } from "../model/thread-state.js";
import type { DeadLetter } from "./outbox.js";

/** What the bot said last, so it can tell "nothing new" from "worth a reply". */
export type LastOutput = "reply" | "still_needed" | null;

/** One help thread: its lifecycle and the engine's memory between events. */
export interface ThreadRecord {
  key: string;
  platform: Platform;
  title: RedactedText | null;
  url: string | null;
  /**
   * The channel or forum the thread lives in, when its key does not name it (a Discord thread's
   * parent): a language forced per channel (REPLY_LANGUAGE) applies to its nudges and notices too.
   */
  channel?: string | null;
  reporterId: string;
  reporterName: string;
  state: LifecycleState;
  /** The staff member who took the thread; the bot stays quiet while one is set. */
  assignee: string | null;
  handoffReason: HandoffReason | null;
  /** Consecutive reporter messages after which the class was still unknown with nothing left to ask. */
  lowConfidenceRounds: number;
  replyCount: number;
  /** Fingerprint of the verdict the last full reply showed. */
  lastFingerprint: string | null;
  lastOutput: LastOutput;
  /** Mitigation ids the last full reply listed; an identical list is not repeated. */
  lastMitigations: string[];
  /** Last message of a user (reporter or community): the stale clock counts from here. */
  lastUserAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Bumped on every change; a commit names the version it read (optimistic concurrency). */
  version: number;
}

export interface StoredAttachment {
  name: string;
  content: RedactedText;
  note?: string;
}

export interface MessageRecord {
  threadKey: string;
  messageId: string;
  /** Order in the thread; an edit keeps its message's place. */
  seq: number;
  authorId: string;
  authorName: string;
  role: AuthorRole;
  text: RedactedText;
  attachments: StoredAttachment[];
  /** What was removed when the message arrived (the text itself holds only markers). */
  redactions: Redaction[];
  at: string;
  editedAt: string | null;
}

/** A question the bot asked with its full how-to block, and whether the thread answered it. */
export interface AskedRecord {
  questionId: string;
  label: string;
  firstAskedAt: string;
  lastAskedAt: string;
  timesAsked: number;
  answeredAt: string | null;
}

export interface VerdictRecord {
  eventId: string;
  at: string;
  report: TriageReport;
  facts: FactSheet;
  fingerprint: string;
}

export type TimerKind = "nudge" | "close";

export interface TimerRecord {
  id: string;
  threadKey: string;
  kind: TimerKind;
  dueAt: string;
  createdAt: string;
}

/**
 * Who sends a stored action: the outbox drainer, after the commit ("outbox"), or the adapter at
 * once because only the live interaction can carry it (an ephemeral answer) ("inline").
 */
export type ActionDelivery = "outbox" | "inline";

/** An action the engine produced; `platformMessageId` arrives later through `recordSent`. */
export interface ActionRecord {
  id: string;
  threadKey: string;
  eventId: string;
  type: Action["type"];
  reason: string | null;
  text: RedactedText | null;
  replaces: string | null;
  createdAt: string;
  /** The whole action, to send it again after a restart; without it the row is history only. */
  payload?: Action;
  delivery?: ActionDelivery;
}

export interface HandoffRecord {
  id: string;
  threadKey: string;
  at: string;
  reason: HandoffReason;
  requestedBy: string | null;
  assignee: string | null;
  card: HandoffCard;
  releasedAt: string | null;
}

/** Which mitigation fixed a solved thread: feeds "what fixed it for similar threads". */
export interface ResolutionRecord {
  id: string;
  threadKey: string;
  at: string;
  by: string;
  mitigationId: string | null;
  mitigationTitle: string | null;
  note: RedactedText | null;
  errorClass: string;
  provider: string;
  model: string | null;
}

export interface IssueReportRecord {
  id: string;
  threadKey: string;
  at: string;
  requestedBy: string;
  status: "requested" | "filed";
  report: TriageReport;
  /** The pre-filled link while requested; the issue (or comment) once filed. */
  url: string | null;
  /** The issue report's fingerprint id ("rlt-…"), when one was drafted. */
  fingerprint?: string | null;
  /** The drafted issue (title, body, labels, fields, reason), as filed or previewed. */
  draft?: unknown;
  /** The issue filed or commented on, once filed. */
  issueNumber?: number | null;
}

/** A thread still open (not solved or closed), as staff lists show it. */
export interface OpenThreadRecord {
  key: string;
  title: RedactedText | null;
  url: string | null;
  state: LifecycleState;
  assignee: string | null;
  /** The last message of a user, else the last change: what "stale soon" counts from. */
  lastActivityAt: string;
}

/** Everything the engine needs to decide on one event in a thread. */
export interface ThreadSnapshot {
  thread: ThreadRecord;
  /** Oldest first. */
  messages: MessageRecord[];
  asked: AskedRecord[];
  pendingTimers: TimerRecord[];
  /** The latest handoff, released or not. */
  handoff: HandoffRecord | null;
  /** Platform id of the bot's latest reply, once the adapter reported it. */
  lastReplyMessageId: string | null;
  /** Platform id of the latest handoff card in the staff channel. */
  cardMessageId: string | null;
  /** Bot messages of this thread the outbox gave up on, newest first (for staff's /card). */
  deadLetters?: DeadLetter[];
  /** The latest issue filed from this thread, if any (stores without it leave it out). */
  issueFiled?: { number: number; url: string; action: "created" | "commented" } | null;
}

/** All writes one event causes; the store applies them in one transaction or not at all. */
export interface ThreadChange {
  /** Idempotency key: a second commit with the same id is refused as a duplicate. */
  eventId: string;
  eventKind: "message" | "edit" | "command" | "timer" | "incident";
  /** The version the decision was made on; null for a thread that did not exist yet. */
  expectedVersion: number | null;
  thread: ThreadRecord;
  message?: MessageRecord;
  verdict?: VerdictRecord;
  asked?: AskedRecord[];
  /** Cancel every pending timer of the thread before adding `addTimers`. */
  cancelTimers?: boolean;
  addTimers?: TimerRecord[];
  firedTimerId?: string;
  actions: ActionRecord[];
  handoff?: HandoffRecord;
  resolution?: ResolutionRecord;
  issueReport?: IssueReportRecord;
}
