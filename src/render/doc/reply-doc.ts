import type { Analysis } from "../../core/analyze.js";
import { hasChanges, type VerdictChanges } from "../../core/changes.js";
import { mitigationVars } from "../../core/mitigations.js";
import type { Redaction } from "../../core/redact/types.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import type { DocBlock, DocSection, Line, ReplyDoc } from "../../model/reply-doc.js";
import { span } from "../../model/reply-doc.js";
import { localizeAnalysis, phraseTranslator } from "../localize.js";
import { classWords, promptFor, say, sayLine } from "../words.js";
import { redactionLines } from "./redaction-lines.js";
import { incidentLines, knownIssuesView, notedFacts, waitLine } from "./reply-facts.js";
import { retryCostLine } from "./retry-cost.js";

/** Things to do now in a reply: two a reader will do beat five they will skim; the JSON report keeps them all. */
const MAX_MITIGATIONS = 2;
const MAX_OPEN = 3;
const MAX_RULED_OUT = 3;
/** A rival below this is noise, not a candidate worth naming. */
const MIN_RIVAL = 0.15;

export interface ReplyContext {
  kb: Knowledge;
  now: Date;
  /** What the last message changed, for follow-up replies. */
  changes?: VerdictChanges | null;
  /** Secrets removed from the message: the reply opens by saying which, and where to rotate them. */
  redactions?: readonly Redaction[];
  /**
   * A reply after the bot's own in the same thread: it says what changed and what is still
   * needed, not again everything it read and ruled out.
   */
  followUp?: boolean;
  /** The reply's language (render/words.ts replyLanguage); English when not given. */
  language?: string;
}

/** Class, provider and model after the verdict's title: "**Diagnosis: …** · Google · `model`". */
function verdictLine(title: string, view: VerdictView, confidence: string | null): Line {
  const line: Line = [span(title, "bold")];
  if (view.providerName) line.push(span(` · ${view.providerName}`));
  if (view.model) line.push(span(" · "), span(view.model, "code"));
  if (confidence) line.push(span(` · ${confidence}`));
  return line;
}

interface VerdictView {
  providerName: string | null;
  model: string | null;
}

function text(value: string): Line {
  return [span(value)];
}

/** A section of lines, or nothing when every line is empty. */
function lines(...all: Array<Line | null>): DocBlock {
  return { kind: "lines", lines: all.filter((l): l is Line => l !== null && l.length > 0) };
}

function titled(heading: string, ...blocks: DocBlock[]): DocSection {
  return { blocks: [{ kind: "heading", text: heading }, ...blocks] };
}

/** The first section: what the bot thinks this is, how sure it is, and why. */
function verdictSection(analysis: Analysis, ctx: ReplyContext, lang: string): DocSection {
  const { kb } = ctx;
  const { verdict, facts } = analysis;
  const classInfo = classWords(kb, lang, verdict.errorClass);
  const classTitle = classInfo?.title ?? verdict.errorClass;
  const classExplain = classInfo?.explain ?? "";
  const signature = kb.signatures.find((s) => s.id === verdict.leading?.signatureId);
  const view: VerdictView = {
    providerName: kb.providers.find((p) => p.id === verdict.provider)?.name ?? null,
    model: verdict.model,
  };
  const confidence = say(kb, lang, "replyConfidence", {
    confidence: verdict.confidence.toFixed(2),
  });
  // Read against an incident, the evidence's own class is said in the incident's lines.
  const underlying =
    verdict.underlyingClass && !analysis.incident
      ? text(
          say(kb, lang, "replyUnderlying", {
            underlying:
              classWords(kb, lang, verdict.underlyingClass)?.title ?? verdict.underlyingClass,
          }),
        )
      : null;
  if (verdict.tier === "decided") {
    // Signature meanings are English data.
    const meaning =
      lang === "en" && signature && signature.errorClass === verdict.errorClass
        ? signature.meaning
        : null;
    const title = say(kb, lang, "replyDecided", { classTitle });
    return {
      blocks: [
        lines(
          verdictLine(title, view, confidence),
          text(`${classExplain}${meaning ? ` ${meaning}` : ""}`),
          ...incidentLines(analysis, kb, lang).map(text),
          underlying,
        ),
      ],
    };
  }
  if (verdict.tier === "leading") {
    const lead = verdict.hypotheses[0];
    const because = lead?.evidenceFor.slice(0, 2).join("; ") ?? "";
    const confirm = lead?.nextExperiment ?? lead?.decide ?? "";
    const rival = verdict.rival;
    const title = say(kb, lang, "replyLeading", { classTitle });
    return {
      blocks: [
        lines(
          verdictLine(title, view, confidence),
          text(`${because ? say(kb, lang, "replyBecause", { because }) : ""} ${classExplain}`),
          underlying,
          rival && rival.likelihood >= MIN_RIVAL
            ? text(
                say(kb, lang, "replyRival", {
                  title: classWords(kb, lang, rival.errorClass)?.title ?? rival.title,
                  likelihood: rival.likelihood.toFixed(2),
                }),
              )
            : null,
          confirm ? text(say(kb, lang, "replyConfirm", { confirm })) : null,
        ),
      ],
    };
  }
  const rewritten = facts.rewrittenErrors[0];
  const quoted = rewritten && facts.rawErrors.length === 0 ? rewritten.text : null;
  const toolName = kb.tools.find((t) => t.id === rewritten?.tool)?.name ?? say(kb, lang, "theTool");
  return {
    blocks: [
      lines(
        verdictLine(say(kb, lang, "replyUndecided"), view, null),
        quoted ? text(say(kb, lang, "replyRewritten", { rewritten: quoted, toolName })) : null,
      ),
    ],
  };
}

/** "What changed since the last message", as a list. */
function changesSection(
  ctx: ReplyContext,
  lang: string,
  wait: string | null,
  tr: (text: string) => string,
): DocSection | null {
  const { kb, changes } = ctx;
  if (!changes || !hasChanges(changes)) return null;
  const items: Line[] = [];
  if (changes.nowClass) {
    const nowClass = classWords(kb, lang, changes.nowClass)?.title ?? changes.nowClass;
    items.push(sayLine(kb, lang, "changeNow", { nowClass, wait }));
  }
  for (const fact of changes.newFacts) items.push(sayLine(kb, lang, "changeNew", { fact }));
  for (const r of changes.ruledOut)
    items.push(sayLine(kb, lang, "changeRuledOut", { title: tr(r.title), because: tr(r.because) }));
  for (const label of changes.answered) items.push(sayLine(kb, lang, "changeAnswered", { label }));
  if (changes.noLongerNeeded.length > 0)
    items.push(
      sayLine(kb, lang, "changeNoLongerNeeded", {
        noLongerNeededText: changes.noLongerNeeded
          .map((l) => l.charAt(0).toLowerCase() + l.slice(1))
          .join(", "),
      }),
    );
  return titled(say(kb, lang, "headChanges"), {
    kind: "list",
    items: items.map((line) => ({ marker: "-", line })),
  });
}

/** A bold lead-in and the rest of the line: "**What I read:** …". */
function leadIn(label: string, rest: string): DocSection {
  return { blocks: [lines([span(label, "bold"), span(` ${rest}`)])] };
}

function bullets(heading: string, items: Line[]): DocSection | null {
  if (items.length === 0) return null;
  return titled(heading, { kind: "list", items: items.map((line) => ({ marker: "-", line })) });
}

/** Numbered items, each followed by its command or snippet as a code block. */
function numbered(
  heading: string,
  items: Array<{ line: Line; code?: string | null | undefined }>,
): DocSection | null {
  if (items.length === 0) return null;
  const blocks: DocBlock[] = [];
  items.forEach((item, i) => {
    blocks.push({ kind: "list", items: [{ marker: i + 1, line: item.line }] });
    if (item.code !== null && item.code !== undefined)
      blocks.push({ kind: "code", text: item.code });
  });
  return titled(heading, ...blocks);
}

function dash(title: Line, rest: string | null | undefined): Line {
  return rest ? [...title, span(` — ${rest}`)] : title;
}

/** The reply as structure: sections of headings, lines, lists and code, in the reply's language. */
export function buildReplyDoc(original: Analysis, ctx: ReplyContext): ReplyDoc {
  const { kb } = ctx;
  const lang = ctx.language ?? "en";
  const analysis = localizeAnalysis(original, kb, lang);
  const tr = phraseTranslator(kb, lang, mitigationVars(original.facts, original.verdict, kb));
  const { verdict, facts } = analysis;
  const decided = verdict.tier === "decided";
  const leading = verdict.tier === "leading";
  const open =
    decided || leading
      ? []
      : verdict.hypotheses.filter((h) => h.likelihood >= 0.1).slice(0, MAX_OPEN);
  const lead = decided || leading ? verdict.hypotheses[0] : open[0];
  const full = !ctx.followUp;
  const wait = waitLine(analysis, ctx.now, kb, lang);
  const sections: Array<DocSection | null> = [];

  const template = kb.prompts["redaction-notice"];
  if (template && ctx.redactions && ctx.redactions.length > 0)
    sections.push({
      blocks: [{ kind: "lines", lines: redactionLines(ctx.redactions, template) }],
    });
  sections.push(verdictSection(analysis, ctx, lang));
  if (wait) sections.push({ blocks: [lines(text(`⏱️ ${wait}`))] });
  sections.push(changesSection(ctx, lang, wait, tr));
  const noted = full ? notedFacts(analysis, kb, lang).join(" · ") : "";
  if (noted) sections.push(leadIn(say(kb, lang, "headNoted"), noted));
  if (full)
    sections.push(
      bullets(
        say(kb, lang, "headRuledOut"),
        verdict.ruledOut
          .slice(0, MAX_RULED_OUT)
          .map((r) => dash([span(r.title, "strike")], r.because)),
      ),
    );
  const openText = open.map((h) => `${h.title} (${h.likelihood.toFixed(2)})`).join("; ");
  if (openText) sections.push(leadIn(say(kb, lang, "headOpen"), openText));
  if (full)
    sections.push(
      bullets(
        say(kb, lang, "headFindings"),
        verdict.findings.map((f) => [
          span(f.title, "bold"),
          span(`: ${f.evidenceFor.join("; ")}.`),
        ]),
      ),
    );
  if (full)
    sections.push(
      bullets(
        say(kb, lang, "headKnownIssues"),
        knownIssuesView(analysis, kb, lang).map((k) =>
          dash([{ text: k.title, url: k.url }], k.note),
        ),
      ),
    );
  // Past three asks, the labels and commands speak for themselves: the reasons would double the
  // reply. A question that only fits the fix to a named verdict goes without its reason too.
  const brief = analysis.missing.length <= 3;
  sections.push(
    numbered(
      say(kb, lang, "headMissing"),
      analysis.missing.map((m) => ({
        line: dash([span(m.label, "bold")], brief && m.blocking ? m.why : null),
        code: m.howToGet,
      })),
    ),
  );
  const nextExperiment = analysis.missing.length === 0 ? (lead?.nextExperiment ?? null) : null;
  if (nextExperiment)
    sections.push(titled(say(kb, lang, "headNextExperiment"), lines(text(nextExperiment))));
  sections.push(
    numbered(
      say(kb, lang, "headMitigations"),
      analysis.mitigations.slice(0, MAX_MITIGATIONS).map((m) => ({
        line: dash([span(m.title, "bold")], m.why),
        code: m.snippet || null,
      })),
    ),
  );
  sections.push(
    bullets(
      say(kb, lang, "headUnreadable"),
      facts.unreadable.map((u) =>
        text(`${u.source.attachment ?? `message ${u.source.message + 1}`}: ${u.reason}`),
      ),
    ),
  );
  // An incident is the provider's: the maintainers hear of it through the incident's tracker.
  const offerIssue =
    (verdict.errorClass === "provider_incident" && !analysis.incident) ||
    verdict.errorClass === "client_bug" ||
    verdict.knownIssues.length > 0;
  if (offerIssue) sections.push({ blocks: [lines(sayLine(kb, lang, "replyOfferIssue", {}))] });
  if (analysis.retryCost)
    sections.push({
      blocks: [lines(retryCostLine(analysis.retryCost, promptFor(kb, "retry-cost", lang)))],
    });
  return { sections: sections.filter((s): s is DocSection => s !== null) };
}
