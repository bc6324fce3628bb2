import type { Analysis } from "../core/analyze.js";
import { toReport } from "../core/analyze.js";
import { trustedText } from "../core/redact/redact.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { markedDoc, markedMarkdown } from "../render/doc/notice-doc.js";
import { localizeAnalysis } from "../render/localize.js";
import { renderReply } from "../render/markdown/reply.js";
import type { AskedRecord, MessageRecord, ThreadRecord } from "../store/records.js";
import type { HandoffCard, HandoffReason } from "./port.js";
import { threadSummaryMarked } from "./summary.js";

const SAME_HERE =
  /\b(?:same here|me too|same (?:issue|problem)|(?:also|same) (?:seeing|getting|having))\b/i;

/** The title staff see: the thread's own, or the first line of the first message. */
function cardTitle(thread: ThreadRecord, messages: readonly MessageRecord[]): string {
  if (thread.title) return thread.title;
  const first = messages[0]?.text.split("\n").find((l) => l.trim() !== "") ?? thread.key;
  return first.length > 90 ? `${first.slice(0, 89)}…` : first;
}

export interface CardInput {
  thread: ThreadRecord;
  messages: readonly MessageRecord[];
  asked: ReadonlyMap<string, AskedRecord>;
  analysis: Analysis;
  reason?: HandoffReason;
  requestedBy?: string | null;
  kb: Knowledge;
  now: Date;
  /** The pre-filled issue link, when the verdict offers an issue. */
  issueUrl?: string | null;
  issueFiled?: HandoffCard["issueFiled"] | null;
  /** The thread's language: staff read the card in it too (English when not given). */
  language?: string;
}

/**
 * Everything a staff member needs to pick the thread up without re-reading it: the verdict with
 * its evidence, what was asked and answered, what the user tried, who else is affected, and which
 * kinds of secrets were removed (never the secrets).
 */
export function buildHandoffCard(input: CardInput): HandoffCard {
  const { thread, messages, analysis, kb, now } = input;
  const count = (role: string) => messages.filter((m) => m.role === role).length;
  const affected = [
    ...new Set(
      messages
        .filter((m) => m.role === "community" && SAME_HERE.test(m.text))
        .map((m) => m.authorName),
    ),
  ];
  const language = input.language ?? "en";
  const reply = renderReply(analysis, { kb, now, language });
  const summary = threadSummaryMarked(analysis, kb, language);
  const questions = kb.translations[language]?.questions ?? {};
  return {
    threadKey: thread.key,
    title: cardTitle(thread, messages),
    ...(thread.url ? { url: thread.url } : {}),
    state: thread.state,
    summary: trustedText(markedMarkdown(summary)),
    summaryDoc: markedDoc(summary),
    // The card shows the report's hypotheses, ruled-out list and advice: in the card's language.
    report: toReport(localizeAnalysis(analysis, kb, language), trustedText(reply)),
    language,
    ...(language === "en" ? {} : { words: kb.translations[language]?.card ?? {} }),
    askedAndAnswered: [...input.asked.values()].map((a) => ({
      id: a.questionId,
      label: (language === "en" ? undefined : questions[a.questionId]?.label) ?? a.label,
      askedAt: a.firstAskedAt,
      answered: a.answeredAt !== null,
      answeredAt: a.answeredAt,
    })),
    redactionKinds: [...new Set(messages.flatMap((m) => m.redactions.map((r) => r.kind)))],
    assignee: thread.assignee,
    ...(input.reason ? { reason: input.reason } : {}),
    requestedBy: input.requestedBy ?? null,
    affected,
    messageCounts: {
      reporter: count("reporter"),
      community: count("community"),
      staff: count("staff"),
    },
    reporter: thread.reporterName,
    ...(input.issueUrl ? { issueUrl: input.issueUrl } : {}),
    ...(input.issueFiled ? { issueFiled: input.issueFiled } : {}),
  };
}
