import { planReply } from "../../src/conversation/compose-reply.js";
import type { Analysis } from "../../src/core/analyze.js";
import type { Knowledge } from "../../src/knowledge/knowledge.js";

/** The bot's first reply to an analysed thread, as the conversation engine plans it. */
export function planFirstReply(
  analysis: Analysis,
  kb: Knowledge,
  now: Date,
  language?: string,
): string {
  const plan = planReply({
    analysis,
    before: null,
    pending: new Set(),
    lastFingerprint: null,
    lastOutput: null,
    lastMitigations: [],
    force: true,
    quiet: false,
    repeatQuestions: false,
    fromReporter: true,
    redactions: [],
    kb,
    now,
    ...(language ? { language } : {}),
  });
  if (plan.kind !== "full") throw new Error("a first message always gets a full reply");
  return plan.text;
}
