import Mustache from "mustache";
import { trustedText } from "../../core/redact/redact.js";
import type { RedactedText } from "../../core/redact/types.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import type { HandoffCard } from "../../model/handoff-card.js";
import { promptFor, say } from "../words.js";

/** Staff read times in UTC: the card goes to people in many time zones. */
function shortTime(iso: string | null | undefined): string | null {
  return iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : null;
}

/**
 * The handoff card as plain Markdown (the console and any platform without richer cards). The
 * card's texts are redacted already; `prompts/handoff-card.md` decides the layout.
 */
export function renderHandoffCard(card: HandoffCard, kb: Knowledge): RedactedText {
  const lang = card.language ?? "en";
  const template = promptFor(kb, "handoff-card", lang);
  const { report } = card;
  const facts = report.facts;
  const view = {
    ...card,
    issueFiled: card.issueFiled
      ? { ...card.issueFiled, created: card.issueFiled.action === "created" }
      : null,
    reasonIs: card.reason ? { [card.reason]: true } : {},
    tier: facts.tier?.tier ?? null,
    hasEvidence: facts.rawErrors.length > 0 || facts.tier !== null,
    rawErrors: facts.rawErrors.map((e) => ({
      head: [e.status ? `HTTP ${e.status}` : null, e.code, e.quota?.id ?? e.quota?.metric]
        .filter(Boolean)
        .join(" · "),
      excerpt: e.excerpt.slice(0, 300),
      where: `${say(kb, lang, "cardMessage", { n: e.source.message + 1 })}${e.source.attachment ? ` (${e.source.attachment})` : ""}`,
    })),
    experiments: facts.experiments.map((e) => ({
      detail: e.detail.slice(0, 160),
      outcome: say(kb, lang, `outcome_${e.outcome}`),
    })),
    hasExperiments: facts.experiments.length > 0,
    hasHypotheses: report.hypotheses.length > 0,
    ruledOut: report.ruledOut,
    hasRuledOut: report.ruledOut.length > 0,
    hypotheses: report.hypotheses.slice(0, 4).map((h) => ({
      title: h.title,
      likelihood: h.likelihood.toFixed(2),
      for: h.evidenceFor.join("; "),
      against: h.evidenceAgainst.join("; "),
    })),
    asked: card.askedAndAnswered.map((a) => ({
      label: a.label ?? a.id,
      askedAt: shortTime(a.askedAt),
      answeredAt: shortTime(a.answeredAt),
      answered: a.answered,
    })),
    hasAsked: card.askedAndAnswered.length > 0,
    redactionList: card.redactionKinds.join(", "),
    hasRedactions: card.redactionKinds.length > 0,
    affectedList: (card.affected ?? []).join(", "),
    hasAffected: (card.affected ?? []).length > 0,
    mitigationList: report.mitigations
      .slice(0, 3)
      .map((m) => m.title)
      .join("; "),
    hasMitigations: report.mitigations.length > 0,
  };
  const text = Mustache.render(template, view, {}, { escape: (v: unknown) => String(v) });
  return trustedText(
    `${text
      .replace(/[ \t]+$/gm, "")
      .replace(/\n{3,}/g, "\n\n")
      .trim()}\n`,
  );
}
