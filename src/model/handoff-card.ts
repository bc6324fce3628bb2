import type { RedactedText } from "../core/redact/types.js";
import type { TriageReport } from "../core/report.js";
import type { ReplyDoc } from "./reply-doc.js";
import type { HandoffReason, LifecycleState } from "./thread-state.js";

/** What the staff see when a thread is handed to humans. */
export interface HandoffCard {
  threadKey: string;
  title: string;
  url?: string;
  state: LifecycleState;
  /** Where the thread stands, in Markdown (the console's card, GitHub). */
  summary: RedactedText;
  /** The same as structure for the Slack and Discord cards; absent on cards stored before it. */
  summaryDoc?: ReplyDoc;
  report: TriageReport;
  /** The language the card is written in (the thread's); English when absent (older cards). */
  language?: string;
  /** The platform cards' labels in that language (render/card-words.ts names them). */
  words?: Record<string, string>;
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
