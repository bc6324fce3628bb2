import Mustache from "mustache";
import type { Hypothesis } from "../../knowledge/schema.js";
import { holdsAll } from "./markers.js";

export interface ScoredHypothesis {
  id: string;
  errorClass: Hypothesis["errorClass"];
  title: string;
  likelihood: number;
  evidenceFor: string[];
  evidenceAgainst: string[];
  decide: string;
  nextExperiment: string | null;
  finding: boolean;
  mitigations: string[];
  /** Some support is specific (a body, a claim, an experiment), not only weak context. */
  specific: boolean;
  /** One of its `leadsWhen` conditions holds: it is the primary cause of a dual-cause thread. */
  leads: boolean;
  /** Classes it gives the lead to when they have specific support ("*": any). */
  yieldsTo: string[];
}

export interface RuledOut {
  id: string;
  title: string;
  because: string;
}

/** Values the data's `says` and `because` texts may quote ({{maxTokens}}, {{minContext}}, ...). */
export type TemplateVars = Record<string, string | number | null>;

function render(text: string, vars: TemplateVars): string {
  // Plain text into Markdown: no HTML escaping.
  return Mustache.render(text, vars, {}, { escape: (v: unknown) => String(v) });
}

/** Markers that describe the setting, never the cause: they support, but cannot lead. */
const CONTEXT_MARKERS = /^(?:fact|tool|provider|evidence):/u;

function isSpecific(condition: { when: string; weak: boolean }): boolean {
  return (
    !condition.weak && !condition.when.startsWith("!") && !CONTEXT_MARKERS.test(condition.when)
  );
}

function clamp(n: number): number {
  return Math.round(Math.min(0.99, Math.max(0.01, n)) * 100) / 100;
}

/**
 * Scores every hypothesis from data against the thread's markers: prior, plus the weight of each
 * condition for it that holds, minus each against it; a condition that rules it out moves it to
 * `ruledOut` with its reason. Highest likelihood first.
 */
export function scoreHypotheses(
  hypotheses: readonly Hypothesis[],
  markers: ReadonlySet<string>,
  vars: TemplateVars,
): { ranked: ScoredHypothesis[]; ruledOut: RuledOut[] } {
  const ranked: ScoredHypothesis[] = [];
  const ruledOut: RuledOut[] = [];
  for (const h of hypotheses) {
    const out = h.ruledOutBy.find((r) => holdsAll(r.when, markers));
    if (out) {
      ruledOut.push({ id: h.id, title: h.title, because: render(out.because, vars) });
      continue;
    }
    const pro = h.for.filter((c) => holdsAll(c.when, markers));
    const con = h.against.filter((c) => holdsAll(c.when, markers));
    const score =
      h.prior + pro.reduce((s, c) => s + c.weight, 0) - con.reduce((s, c) => s + c.weight, 0);
    ranked.push({
      id: h.id,
      errorClass: h.errorClass,
      title: h.title,
      likelihood: clamp(score),
      evidenceFor: pro.map((c) => render(c.says, vars)),
      evidenceAgainst: con.map((c) => render(c.says, vars)),
      decide: h.decide,
      nextExperiment: h.nextExperiment ? render(h.nextExperiment, vars) : null,
      finding: h.finding,
      mitigations: h.mitigations,
      specific: pro.some(isSpecific),
      leads: h.leadsWhen.some((c) => holdsAll(c, markers)),
      yieldsTo: h.yieldsTo,
    });
  }
  ranked.sort((a, b) => b.likelihood - a.likelihood);
  return { ranked: arbitrate(ranked), ruledOut };
}

/** A yielding hypothesis needs this much to keep the lead it would give away. */
const YIELD_TO = 0.2;

/**
 * Dual causes (a provider's limit and a complaint about the tool): a hypothesis whose `leadsWhen`
 * holds goes first; one that yields gives the first place to the best other hypothesis with
 * specific support. Likelihoods are kept: only the order changes.
 */
function arbitrate(ranked: ScoredHypothesis[]): ScoredHypothesis[] {
  const main = ranked.filter((h) => !h.finding);
  const leader = main.find((h) => h.leads && h.specific);
  const top = main[0];
  let first: ScoredHypothesis | undefined;
  if (leader && leader !== top) first = leader;
  else if (top && top.yieldsTo.length > 0 && !top.leads)
    first = main.find(
      (h) =>
        h !== top &&
        h.specific &&
        h.errorClass !== top.errorClass &&
        h.likelihood >= YIELD_TO &&
        (top.yieldsTo.includes("*") || top.yieldsTo.includes(h.errorClass)),
    );
  return first ? [first, ...ranked.filter((h) => h !== first)] : ranked;
}
