import { type Analysis, analyze, toReport } from "./core/analyze.js";
import { verdictChanges } from "./core/changes.js";
import type { Extractor } from "./core/evidence/extractor.js";
import type { IncidentContext } from "./core/incidents/in-incident.js";
import type { TriageReport } from "./core/report.js";
import type { Thread } from "./core/thread.js";
import type { Knowledge } from "./knowledge/knowledge.js";
import type { ReplyDoc } from "./model/reply-doc.js";
import { buildReplyDoc } from "./render/doc/reply-doc.js";
import { docToMarkdown } from "./render/markdown/doc-markdown.js";
import { replyLanguage } from "./render/words.js";

export interface Triage {
  analysis: Analysis;
  report: TriageReport;
  /** The reply as structure (the report carries it as Markdown). */
  doc: ReplyDoc;
}

/** The thread without its last non-bot message: what the bot knew before that message arrived. */
function beforeLastMessage(thread: Thread): Thread | null {
  const lastIndex = thread.messages.findLastIndex((m) => m.role !== "bot");
  const earlier = thread.messages.slice(0, lastIndex).filter((m) => m.role !== "bot");
  return earlier.length > 0 ? { ...thread, messages: thread.messages.slice(0, lastIndex) } : null;
}

/**
 * Analyses a thread and renders the reply; on a follow-up the reply says what the last message
 * changed (ruled out, answered, the class now).
 */
export function triage(
  thread: Thread,
  kb: Knowledge,
  now: Date,
  extractors?: readonly Extractor[],
  /** Incidents open now (the bot passes what its store and the status pages say). */
  incidents?: IncidentContext,
): Triage {
  const analysis = analyze(thread, kb, now, extractors, undefined, incidents);
  const earlier = beforeLastMessage(thread);
  const changes = earlier
    ? verdictChanges(analyze(earlier, kb, now, extractors, undefined, incidents), analysis)
    : null;
  const language = replyLanguage(kb, analysis.language);
  const doc = buildReplyDoc(analysis, {
    kb,
    now,
    changes,
    redactions: analysis.redactions,
    language,
  });
  return { analysis, report: toReport(analysis, docToMarkdown(doc)), doc };
}
