/**
 * What the conversation asks the platforms to do. Below render/ and store/ so both can name an
 * action without importing the conversation layer.
 */
import type { Analysis } from "../core/analyze.js";
import type { RedactedText } from "../core/redact/types.js";
import type { TriageReport } from "../core/report.js";
import type { Timeline } from "../core/timeline/types.js";
import type { HandoffCard } from "./handoff-card.js";
import type { ReplyDoc } from "./reply-doc.js";
import type { LifecycleState } from "./thread-state.js";

/**
 * The words a platform puts around a reply in another language than English (render/reply-words
 * names them) and the verdict at a glance in that language: the lead's title, the asks' labels.
 */
export interface ReplyLocal {
  words: Record<string, string>;
  title: string | null;
  missing: string[];
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
      /** The reply in Markdown (console, stored report). */
      text: RedactedText;
      /**
       * The same reply as structure, which Slack and Discord render to their own shapes; absent
       * on actions stored before it existed (those are shown as plain text).
       */
      doc?: ReplyDoc;
      report: TriageReport;
      analysis?: Analysis;
      replaces?: string;
      /** A timeline to draw and attach: set when this message brought timed traces or logs. */
      chart?: Timeline;
      /** A reply not in English: what the platform shows around its text, in that language. */
      local?: ReplyLocal;
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
      /** The same text as structure for Slack and Discord; absent on actions stored before it. */
      doc?: ReplyDoc;
      reason:
        | "claimed"
        | "nudge"
        | "closed"
        | "reopened"
        | "solved"
        | "handoff"
        | "info"
        /** Many threads share this one's cause (src/conversation/incidents). */
        | "incident"
        /** An issue linked to the thread was closed as fixed. */
        | "fixed";
      mention?: string;
      id?: string;
    }
  /** Answer only the person who ran a command (Discord ephemeral, Slack ephemeral); `card` when it shows the handoff card. */
  | {
      type: "ephemeral";
      threadKey: string;
      userId: string;
      text: RedactedText;
      /** The same text as structure for Slack and Discord; absent on actions stored before it. */
      doc?: ReplyDoc;
      card?: HandoffCard;
      /** Set on an `/issue` preview: the link and the filing choices. */
      issue?: IssueOffer;
      id?: string;
    }
  /** The thread's lifecycle state changed (forum tags, App Home). */
  | { type: "state"; threadKey: string; from: LifecycleState; to: LifecycleState; id?: string }
  /** Post or update the handoff card in the staff channel. */
  | { type: "handoff_card"; card: HandoffCard; replaces?: string; id?: string }
  /**
   * A message for staff only, in the staff channel (an incident opened or ended). `threadKey`
   * names one thread of the platform it goes to: the outbox routes by the key's prefix.
   */
  | {
      type: "staff_alert";
      threadKey: string;
      text: RedactedText;
      /** The same text as structure for Slack and Discord; absent on actions stored before it. */
      doc?: ReplyDoc;
      id?: string;
    };
