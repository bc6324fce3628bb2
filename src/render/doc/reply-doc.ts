import Mustache from "mustache";
import type { Analysis } from "../../core/analyze.js";
import { hasChanges, type VerdictChanges } from "../../core/changes.js";
import { humanizeSeconds } from "../../core/durations.js";
import { mitigationVars } from "../../core/mitigations.js";
import type { Redaction } from "../../core/redact/types.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import type { DocBlock, DocSection, Line, ReplyDoc } from "../../model/reply-doc.js";
import { span } from "../../model/reply-doc.js";
import { classWords, promptFor, say, sayLine } from "../words.js";
import { redactionLines } from "./redaction-lines.js";
import { retryCostLine } from "./retry-cost.js";

/** Things to do now in a reply: two a reader will do beat five they will skim; the JSON report keeps them all. */
const MAX_MITIGATIONS = 2;
const MAX_OPEN = 3;
const MAX_RULED_OUT = 3;
const MAX_KNOWN_ISSUES = 2;
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

function waitLine(analysis: Analysis, now: Date, kb: Knowledge, lang: string): string | null {
  const { verdict } = analysis;
  if (verdict.retryable === true && verdict.retryAfterSeconds !== null) {
    const wait = humanizeSeconds(verdict.retryAfterSeconds);
    const said = analysis.waitSaidAt ? new Date(analysis.waitSaidAt) : null;
    // A wait is relative to when it was said: hours later it is long over, not a fresh instruction.
    if (said && !Number.isNaN(said.getTime())) {
      const over = said.getTime() + verdict.retryAfterSeconds * 1000 <= now.getTime();
      const at = `${said.toISOString().slice(11, 16)} UTC`;
      return say(kb, lang, over ? "waitOver" : "waitFrom", { wait, at });
    }
    const fromHeaders = verdict.leading?.retryAfterSeconds === null;
    return say(kb, lang, fromHeaders ? "waitHeaders" : "wait", { wait });
  }
  if (verdict.retryable === false && verdict.resetAt) {
    const seconds = (new Date(verdict.resetAt).getTime() - now.getTime()) / 1000;
    const pacific =
      verdict.leading?.quota?.window === "day" && analysis.facts.provider === "google";
    if (seconds > 0)
      return `${say(kb, lang, "resetsAt", { resetAt: verdict.resetAt.replace(".000Z", "Z"), in: humanizeSeconds(seconds) })}${pacific ? ` ${say(kb, lang, "geminiPacific")}` : ""}`;
  }
  if (verdict.retryable === false)
    // The cues' reasons are English data: other languages get the plain statement.
    return verdict.retryBecause && lang === "en"
      ? `${verdict.retryBecause.charAt(0).toUpperCase()}${verdict.retryBecause.slice(1)}.`
      : say(kb, lang, "notRetryable");
  return null;
}

/** "tried 6 things: 3 failed, 2 worked, 1 made no difference": the ruled-out list says what they showed. */
function triedLine(
  experiments: Analysis["facts"]["experiments"],
  kb: Knowledge,
  lang: string,
): string {
  const outcome = (o: string) => say(kb, lang, `outcome_${o}`);
  const first = experiments[0];
  if (experiments.length === 1 && first)
    return say(kb, lang, "triedOne", {
      detail: clip(first.detail, 80),
      outcome: outcome(first.outcome),
    });
  const counts = new Map<string, number>();
  for (const e of experiments) counts.set(e.outcome, (counts.get(e.outcome) ?? 0) + 1);
  const parts = [...counts].map(([o, n]) => `${n} ${outcome(o)}`).join(", ");
  return say(kb, lang, "triedMany", { n: experiments.length, parts });
}

/** What the engine read, so the user sees their evidence was understood. */
function notedFacts(analysis: Analysis, kb: Knowledge, lang: string): string[] {
  const { facts, verdict } = analysis;
  const noted: string[] = [];
  const toolName = kb.tools.find((t) => t.id === facts.tool?.id)?.name;
  if (facts.tool?.version) noted.push(`${toolName ?? facts.tool.id} ${facts.tool.version}`);
  const lead = verdict.leading;
  if (lead) {
    const parts = [
      lead.status ? `HTTP ${lead.status}` : null,
      lead.code,
      lead.quota?.id ?? lead.quota?.metric,
    ].filter(Boolean);
    noted.push(
      `${say(kb, lang, "rawError")}: ${parts.join(" · ")}${parts.length > 0 ? " — " : ""}“${clip(lead.message, 100)}”`,
    );
  }
  if (facts.tier) noted.push(say(kb, lang, "tier", { tier: facts.tier.tier }));
  if (facts.usage?.percentOfLimit !== undefined)
    noted.push(say(kb, lang, "usage", { percent: facts.usage.percentOfLimit }));
  const probe = say(kb, lang, "probe");
  for (const p of facts.probes)
    noted.push(`${probe}: ${p.status}${p.error ? ` (${p.error.slice(0, 100)})` : ""}`);
  for (const s of facts.signals.filter((s) => s.id === "probe_invalid_key"))
    noted.push(`${probe}: “${clip(s.detail, 100)}”`);
  if (facts.experiments.length > 0) noted.push(triedLine(facts.experiments, kb, lang));
  return noted;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function knownIssuesView(analysis: Analysis, kb: Knowledge, lang: string) {
  return analysis.verdict.knownIssues.slice(0, MAX_KNOWN_ISSUES).map(({ issue, versionMatch }) => ({
    title: issue.title,
    url: issue.url,
    note: `${issue.says}${issue.workaround ? ` ${say(kb, lang, "workaround")}: ${issue.workaround}` : ""} (${say(kb, lang, `version_${versionMatch}`)}${issue.affected.fixedIn ? `; ${say(kb, lang, "fixedIn", { version: issue.affected.fixedIn })}` : ""})`,
  }));
}

/** Questions and mitigations in the reply's language; commands and snippets stay as they are. */
function localized(analysis: Analysis, kb: Knowledge, lang: string): Analysis {
  const t = kb.translations[lang];
  if (!t || lang === "en") return analysis;
  const vars = mitigationVars(analysis.facts, analysis.verdict, kb);
  const fill = (text: string) => Mustache.render(text, vars, {}, { escape: String });
  return {
    ...analysis,
    missing: analysis.missing.map((m) => ({
      ...m,
      label: t.questions[m.id]?.label ?? m.label,
      why: t.questions[m.id]?.why ?? m.why,
    })),
    mitigations: analysis.mitigations.map((m) => {
      const w = t.mitigations[m.id];
      return w ? { ...m, title: fill(w.title), why: fill(w.why) } : m;
    }),
  };
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
  const underlying = verdict.underlyingClass
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
function changesSection(ctx: ReplyContext, lang: string, wait: string | null): DocSection | null {
  const { kb, changes } = ctx;
  if (!changes || !hasChanges(changes)) return null;
  const items: Line[] = [];
  if (changes.nowClass) {
    const nowClass = classWords(kb, lang, changes.nowClass)?.title ?? changes.nowClass;
    items.push(sayLine(kb, lang, "changeNow", { nowClass, wait }));
  }
  for (const fact of changes.newFacts) items.push(sayLine(kb, lang, "changeNew", { fact }));
  for (const r of changes.ruledOut) items.push(sayLine(kb, lang, "changeRuledOut", r));
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
  const analysis = localized(original, kb, lang);
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
  sections.push(changesSection(ctx, lang, wait));
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
  const offerIssue =
    verdict.errorClass === "provider_incident" ||
    verdict.errorClass === "client_bug" ||
    verdict.knownIssues.length > 0;
  if (offerIssue) sections.push({ blocks: [lines(sayLine(kb, lang, "replyOfferIssue", {}))] });
  if (analysis.retryCost)
    sections.push({
      blocks: [lines(retryCostLine(analysis.retryCost, promptFor(kb, "retry-cost", lang)))],
    });
  return { sections: sections.filter((s): s is DocSection => s !== null) };
}
