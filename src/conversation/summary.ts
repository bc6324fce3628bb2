import type { Analysis } from "../core/analyze.js";
import { trustedText } from "../core/redact/redact.js";
import type { RedactedText } from "../core/redact/types.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { markedMarkdown } from "../render/doc/notice-doc.js";
import { localizeAnalysis } from "../render/localize.js";
import { classWords, say } from "../render/words.js";
import { questionList, renderMarked } from "./templates.js";

/** The names the templates show for an analysis: class title, provider name, tool and version. */
export function verdictNames(analysis: Analysis, kb: Knowledge, lang = "en") {
  const { verdict, facts } = analysis;
  const tool = kb.tools.find((t) => t.id === facts.tool?.id);
  return {
    decided: verdict.errorClass !== "unknown",
    classTitle: classWords(kb, lang, verdict.errorClass)?.title ?? verdict.errorClass,
    providerName: kb.providers.find((p) => p.id === verdict.provider)?.name ?? null,
    model: verdict.model,
    confidence: verdict.confidence.toFixed(2),
    tool: facts.tool
      ? `${tool?.name ?? facts.tool.id}${facts.tool.version ? ` ${facts.tool.version}` : ""}`
      : null,
  };
}

/**
 * A few lines that say where the thread stands, in the thread's language, in Markdown: for the
 * handoff card.
 */
export function threadSummary(original: Analysis, kb: Knowledge, lang = "en"): RedactedText {
  return trustedText(markedMarkdown(threadSummaryMarked(original, kb, lang)));
}

/**
 * The summary with style marks, to set inside the close notice with triple braces
 * (`{{{summary}}}`) or to turn into structure for a platform's card.
 */
export function threadSummaryMarked(original: Analysis, kb: Knowledge, lang = "en"): string {
  const analysis = localizeAnalysis(original, kb, lang);
  const lead = analysis.verdict.leading;
  return renderMarked(
    kb,
    "summary",
    {
      ...verdictNames(analysis, kb, lang),
      rawError: lead
        ? [
            lead.status ? `HTTP ${lead.status}` : null,
            lead.code,
            lead.quota?.id ?? lead.quota?.metric,
          ]
            .filter(Boolean)
            .join(" · ")
        : null,
      tried:
        analysis.facts.experiments.length > 0
          ? analysis.facts.experiments
              .map((e) => `${e.detail.slice(0, 100)} → ${say(kb, lang, `outcome_${e.outcome}`)}`)
              .join("; ")
          : null,
      ruledOut:
        analysis.verdict.ruledOut.length > 0
          ? analysis.verdict.ruledOut.map((r) => r.title).join("; ")
          : null,
      missing: questionList(kb, original.missing, lang),
      firstMitigation: analysis.mitigations[0]?.title ?? null,
      incident: incidentSummary(analysis, kb),
    },
    lang,
  );
}

/** "5 reporters in 12 min; usual: 0.0/h, since 12:00 UTC · the evidence alone: …": for staff. */
function incidentSummary(analysis: Analysis, kb: Knowledge): string | null {
  const incident = analysis.incident;
  if (!incident) return null;
  const since = incident.since ? `, since ${incident.since.slice(11, 16)} UTC` : "";
  const underlying = analysis.verdict.underlyingClass ?? "unknown";
  const evidence = kb.classes.find((c) => c.id === underlying)?.title ?? underlying;
  const id = incident.id ? ` ${incident.id}` : "";
  const where = incident.source === "community" ? `incident${id}: ` : "";
  return `${where}${incident.explanation}${since} · the evidence alone: ${evidence}`;
}
