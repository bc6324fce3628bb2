import type { IssueFormField, IssueSection } from "../../knowledge/issue-form.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import type { Analysis } from "../analyze.js";
import { oneLine, renderIssueTemplate } from "./render-template.js";
import type { IssueView } from "./view.js";

/** Longest value an `input` field gets; GitHub shows it on one line. */
const MAX_INPUT = 200;

/** The routing chain as OpenClaw's form asks for it: "openrouter -> google", "(fallbacks: …)". */
function providerChain(analysis: Analysis, view: IssueView): string | null {
  const { facts, verdict } = analysis;
  const provider = verdict.provider === "unknown" ? facts.provider : verdict.provider;
  if (!provider) return null;
  // "openrouter/google/gemini-2.5-flash": the first hop routes, the second serves.
  const hops = (facts.modelRef ?? "").split("/").slice(0, -1);
  const chain = hops.length >= 2 ? hops.join(" -> ") : provider;
  return view.fallbacks ? `${chain} (fallbacks: ${view.fallbacks})` : chain;
}

/** Picks the dropdown option a thread supports; a regression only when the thread says it worked on an older version. */
function bugType(field: IssueFormField, analysis: Analysis): string {
  const regression = analysis.facts.signals.some((s) => /upgrade|regression/.test(s.id));
  const wanted = regression ? /regression/i : /behaviou?r/i;
  return field.options.find((o) => wanted.test(o)) ?? field.options[0] ?? "Behavior bug";
}

/** The text for each section a form asks for, or null when the thread does not say. */
export function sectionText(
  section: IssueSection,
  field: IssueFormField,
  analysis: Analysis,
  view: IssueView,
  kb: Knowledge,
): string | null {
  const text = (name: string) => renderIssueTemplate(kb, name, view) || null;
  switch (section) {
    case "bug_type":
      return bugType(field, analysis);
    case "version":
      return view.version ? `${view.version}${view.commit ? ` (${view.commit})` : ""}` : null;
    case "model":
      return view.modelRef;
    case "provider_chain":
      return providerChain(analysis, view);
    case "summary":
    case "steps":
    case "expected":
    case "actual":
    case "logs":
    case "impact":
    case "additional":
      return text(section);
    case "provider_setup":
      return text("setup");
    // Nothing in a thread says these reliably; the form asks the reporter.
    case "beta_blocker":
    case "os":
    case "install_method":
      return null;
  }
}

/** Inputs are one line; everything else keeps its lines. */
export function fitFieldType(field: IssueFormField, value: string): string {
  return field.type === "input" ? oneLine(value, MAX_INPUT) : value;
}
