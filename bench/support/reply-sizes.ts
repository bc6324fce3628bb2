import { planReply } from "../../src/conversation/compose-reply.js";
import { pendingQuestionIds, recordAsked } from "../../src/conversation/questions.js";
import { analyze } from "../../src/core/analyze.js";
import type { Thread, ThreadMessage } from "../../src/core/thread.js";
import type { Knowledge } from "../../src/knowledge/knowledge.js";
import type { AskedRecord, LastOutput } from "../../src/store/records.js";

/** Characters a reader reads: the reply without its fenced code blocks. */
export function proseChars(text: string): number {
  return text.replace(/```[\s\S]*?```/g, "").length;
}

export interface ConversationSizes {
  /** Prose characters of the bot's first reply. */
  first: number;
  firstTotal: number;
  /** Prose characters of each later message the bot posted (full replies and "still needed"). */
  followups: number[];
  firstText: string;
}

/**
 * Replays a thread as the conversation engine would meet it, one reporter message at a time,
 * through the same reply planner: the sizes of what the bot would post.
 */
export function replaySizes(thread: Thread, kb: Knowledge, now: Date): ConversationSizes {
  const asked = new Map<string, AskedRecord>();
  let lastFingerprint: string | null = null;
  let lastOutput: LastOutput = null;
  let lastMitigations: string[] = [];
  let before: ReturnType<typeof analyze> | null = null;
  const sizes: ConversationSizes = { first: 0, firstTotal: 0, followups: [], firstText: "" };
  const seen: ThreadMessage[] = [];
  for (const [i, message] of thread.messages.entries()) {
    seen.push(message);
    const analysis = analyze({ ...thread, messages: [...seen] }, kb, now);
    const plan = planReply({
      analysis,
      before,
      pending: pendingQuestionIds(asked, analysis.missing),
      lastFingerprint,
      lastOutput,
      lastMitigations,
      force: i === 0,
      quiet: false,
      repeatQuestions: false,
      fromReporter: true,
      redactions: [],
      kb,
      now,
    });
    if (plan.kind !== "none") {
      if (i === 0) {
        sizes.first = proseChars(plan.text);
        sizes.firstTotal = plan.text.length;
        sizes.firstText = plan.text;
      } else sizes.followups.push(proseChars(plan.text));
    }
    if (plan.kind === "full") {
      lastFingerprint = plan.fingerprint;
      lastOutput = "reply";
      lastMitigations = analysis.mitigations.map((m) => m.id);
    } else if (plan.kind === "still_needed") lastOutput = "still_needed";
    recordAsked(asked, analysis.missing, plan.kind === "full" ? plan.shown : [], now.toISOString());
    before = analysis;
  }
  return sizes;
}
