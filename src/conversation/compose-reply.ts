import { type Analysis, toReport } from "../core/analyze.js";
import { verdictChanges } from "../core/changes.js";
import type { MissingInfo } from "../core/missing.js";
import { trustedText } from "../core/redact/redact.js";
import type { RedactedText, Redaction } from "../core/redact/types.js";
import type { TriageReport } from "../core/report.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { DocSection, Line, ReplyDoc } from "../model/reply-doc.js";
import { buildReplyDoc } from "../render/doc/reply-doc.js";
import { docToMarkdown, lineMarkdown } from "../render/markdown/doc-markdown.js";
import { sayLine } from "../render/words.js";
import type { LastOutput } from "../store/records.js";
import { verdictFingerprint } from "./fingerprint.js";
import { questionList } from "./templates.js";

export interface ReplyInput {
  analysis: Analysis;
  /** The thread as it was before this event, for "what changed". */
  before: Analysis | null;
  /** Questions asked in full earlier and still unanswered. */
  pending: ReadonlySet<string>;
  lastFingerprint: string | null;
  lastOutput: LastOutput;
  /** Mitigation ids the previous full reply listed. */
  lastMitigations: readonly string[];
  /** Post a full reply even when nothing changed (first message, reopen, mention, command). */
  force: boolean;
  /** Say nothing unless owed: the thread is with staff, or closed. */
  quiet: boolean;
  /** Show every question's how-to block again (an explicit triage command). */
  repeatQuestions: boolean;
  /** The speaker is the reporter: only they get a "still needed" reminder on a no-news message. */
  fromReporter: boolean;
  /** Secrets removed from this event's message; the reply must tell the user. */
  redactions: readonly Redaction[];
  kb: Knowledge;
  now: Date;
  /** The reply's language (render/words.ts replyLanguage); English when not given. */
  language?: string;
}

export type ReplyPlan =
  | { kind: "none"; fingerprint: string }
  | {
      kind: "still_needed";
      fingerprint: string;
      text: RedactedText;
      doc: ReplyDoc;
      stillNeeded: MissingInfo[];
    }
  | {
      kind: "full";
      fingerprint: string;
      text: RedactedText;
      /** The same reply as structure, for the platforms' own shapes. */
      doc: ReplyDoc;
      report: TriageReport;
      /** Questions shown with their full how-to block in this reply. */
      shown: MissingInfo[];
      stillNeeded: MissingInfo[];
    };

/** "**Still needed** (how to get each is in my earlier reply): …" as a section. */
function stillNeededSection(
  kb: Knowledge,
  stillNeeded: readonly MissingInfo[],
  lang: string,
): DocSection {
  const line = sayLine(kb, lang, "stillNeeded", { labels: questionList(kb, stillNeeded, lang) });
  return { blocks: [{ kind: "lines", lines: [line] }] };
}

export function stillNeededText(
  kb: Knowledge,
  stillNeeded: readonly MissingInfo[],
  lang = "en",
): RedactedText {
  return trustedText(lineMarkdown(stillNeededLine(kb, stillNeeded, lang)));
}

function stillNeededLine(kb: Knowledge, stillNeeded: readonly MissingInfo[], lang: string): Line {
  return sayLine(kb, lang, "stillNeeded", { labels: questionList(kb, stillNeeded, lang) });
}

/**
 * What to suggest: everything on a first reply; on a follow-up, all again only when the verdict
 * moved (another class or tier), otherwise only advice the last reply did not give.
 */
function adviceFor(
  input: ReplyInput,
  followUp: boolean,
): { mitigations: Analysis["mitigations"]; unchanged: boolean } {
  const { analysis, before } = input;
  if (!followUp || input.repeatQuestions)
    return { mitigations: analysis.mitigations, unchanged: false };
  const moved =
    before === null ||
    before.verdict.errorClass !== analysis.verdict.errorClass ||
    before.verdict.tier !== analysis.verdict.tier;
  if (moved) return { mitigations: analysis.mitigations, unchanged: false };
  const given = new Set(input.lastMitigations);
  const fresh = analysis.mitigations.filter((m) => !given.has(m.id));
  return { mitigations: fresh, unchanged: fresh.length === 0 && given.size > 0 };
}

/**
 * Decides what the bot says after an event: a full reply when the verdict moved (or one is owed),
 * a one-line "still needed" when the reporter wrote but answered nothing, or nothing at all.
 * A question is shown in full once; later replies name it in "still needed" instead of
 * repeating the block, and questions the thread answered are never asked again.
 */
export function planReply(input: ReplyInput): ReplyPlan {
  const { analysis, kb } = input;
  const lang = input.language ?? "en";
  const fingerprint = verdictFingerprint(analysis);
  const owed = input.force || input.redactions.length > 0;
  const stillNeeded = input.repeatQuestions
    ? []
    : analysis.missing.filter((m) => input.pending.has(m.id));
  if (!owed && input.quiet) return { kind: "none", fingerprint };
  if (!owed && fingerprint === input.lastFingerprint) {
    if (input.fromReporter && stillNeeded.length > 0 && input.lastOutput !== "still_needed") {
      return {
        kind: "still_needed",
        fingerprint,
        text: stillNeededText(kb, stillNeeded, lang),
        doc: {
          sections: [
            { blocks: [{ kind: "lines", lines: [stillNeededLine(kb, stillNeeded, lang)] }] },
          ],
        },
        stillNeeded,
      };
    }
    return { kind: "none", fingerprint };
  }
  const shown = analysis.missing.filter((m) => !stillNeeded.includes(m));
  const changes = input.before ? verdictChanges(input.before, analysis) : null;
  // /triage asks for the whole reply again (every question in full, what was read), never a delta.
  const followUp = input.lastFingerprint !== null && !input.repeatQuestions;
  const advice = adviceFor(input, followUp);
  const body = buildReplyDoc(
    { ...analysis, missing: shown, mitigations: advice.mitigations },
    { kb, now: input.now, changes, redactions: input.redactions, followUp, language: lang },
  );
  const tails: DocSection[] = [];
  if (advice.unchanged)
    tails.push({ blocks: [{ kind: "lines", lines: [sayLine(kb, lang, "adviceUnchanged")] }] });
  if (stillNeeded.length > 0) tails.push(stillNeededSection(kb, stillNeeded, lang));
  const doc: ReplyDoc = { sections: [...body.sections, ...tails] };
  const text = trustedText(docToMarkdown(doc));
  return {
    kind: "full",
    fingerprint,
    text,
    doc,
    report: toReport(analysis, text),
    shown,
    stillNeeded,
  };
}
