import Mustache from "mustache";
import type { Knowledge } from "../knowledge/knowledge.js";
import { fitsReader, type Reader } from "./audience.js";
import type { Verdict } from "./diagnosis/diagnose.js";
import { holdsAll } from "./diagnosis/markers.js";
import type { FactSheet } from "./facts.js";

export interface MitigationAdvice {
  id: string;
  title: string;
  snippet: string;
  why: string;
}

const RAW = { escape: (v: unknown) => String(v) };

/**
 * Mitigation ids the verdict calls for, most specific first: when the provider's own error names
 * the limit, its signature's advice (in the data's order); otherwise the supported hypotheses'
 * advice and the class-wide advice. Side findings always add theirs.
 */
function wantedIds(verdict: Verdict, kb: Knowledge): { ids: string[]; inOrder: boolean } {
  const sig = verdict.leading?.signatureId
    ? kb.signatures.find((s) => s.id === verdict.leading?.signatureId)
    : undefined;
  const findings = verdict.findings.flatMap((h) => h.mitigations);
  if (sig && sig.errorClass === verdict.errorClass && sig.mitigations.length > 0) {
    return { ids: [...new Set([...findings, ...sig.mitigations])], inOrder: true };
  }
  if (verdict.tier === "leading") {
    // Only what is safe whichever of the two candidates it turns out to be.
    const leader = verdict.hypotheses[0]?.mitigations ?? [];
    const rival = verdict.rival?.mitigations;
    const safe = rival ? leader.filter((id) => rival.includes(id)) : leader;
    return { ids: [...new Set([...findings, ...safe])], inOrder: false };
  }
  const ids: string[] = [];
  if (sig && verdict.errorClass === "unknown") ids.push(...sig.mitigations);
  // While the class is open, only hypotheses with real support contribute advice.
  const leaders =
    verdict.errorClass === "unknown"
      ? verdict.hypotheses.filter((h) => h.likelihood >= 0.15).slice(0, 3)
      : verdict.hypotheses.slice(0, 1);
  for (const h of leaders) ids.push(...h.mitigations);
  ids.push(...findings);
  for (const m of kb.mitigations) if (m.classes.includes(verdict.errorClass)) ids.push(m.id);
  return { ids: [...new Set(ids)], inOrder: false };
}

/** What a mitigation's title, why and snippet are filled in with (also for their translations). */
export function mitigationVars(facts: FactSheet, verdict: Verdict, kb: Knowledge): object {
  const provider = kb.providers.find((p) => p.id === facts.provider);
  const fallback =
    facts.provider === "anthropic" ? "openai/gpt-5-mini" : "anthropic/claude-sonnet-4-5";
  return {
    ...verdict.vars,
    statusUrl: provider?.statusUrl ?? null,
    fallback,
    retryAfter: verdict.retryAfterSeconds,
  };
}

/** Advice the thread itself calls for whatever the class (credits burnt on retries), first. */
function calledFor(verdict: Verdict, kb: Knowledge): string[] {
  return kb.mitigations
    .filter((m) => m.when.some((c) => holdsAll(c, verdict.markers)))
    .map((m) => m.id);
}

/**
 * Ordered mitigations the reader can apply in their tool, each with why and a snippet;
 * tool-specific ones replace their generic twins.
 */
export function mitigate(
  facts: FactSheet,
  verdict: Verdict,
  kb: Knowledge,
  reader: Reader = "api-code",
): MitigationAdvice[] {
  const tool = facts.tool && facts.tool.confidence >= 0.5 ? facts.tool.id : null;
  const byId = new Map(kb.mitigations.map((m) => [m.id, m]));
  const usable = (id: string) => {
    const m = byId.get(id);
    if (m === undefined) return false;
    const toolFits = m.tools.length === 0 || (tool !== null && m.tools.includes(tool));
    const providerFits =
      m.providers.length === 0 || (facts.provider !== null && m.providers.includes(facts.provider));
    const ruledOut = m.unless.some((c) => holdsAll(c, verdict.markers));
    return toolFits && providerFits && !ruledOut && fitsReader(m.audience, reader);
  };
  const wanted = wantedIds(verdict, kb);
  const first = calledFor(verdict, kb);
  // A tool twin (openclaw-max-tokens for lower-max-tokens) takes its generic form's place.
  const twinOf = new Map<string, string>();
  for (const m of kb.mitigations) {
    if (!tool || !m.tools.includes(tool)) continue;
    for (const r of m.replaces) twinOf.set(r, m.id);
  }
  const ids = [
    ...new Set(
      [...first, ...wanted.ids].map((id) =>
        twinOf.has(id) && usable(twinOf.get(id) ?? "") ? (twinOf.get(id) ?? id) : id,
      ),
    ),
  ].filter(usable);
  const vars = mitigationVars(facts, verdict, kb);
  const chosen = ids.map((id) => byId.get(id)).filter((m) => m !== undefined);
  const rank = (id: string) => (first.includes(id) ? 0 : 1);
  if (!wanted.inOrder) chosen.sort((a, b) => rank(a.id) - rank(b.id) || a.order - b.order);
  return chosen.map((m) => ({
    id: m.id,
    title: Mustache.render(m.title, vars, {}, RAW),
    snippet: Mustache.render(m.snippet, vars, {}, RAW),
    why: Mustache.render(m.why, vars, {}, RAW),
  }));
}
