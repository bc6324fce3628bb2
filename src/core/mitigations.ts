import Mustache from "mustache";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { Verdict } from "./diagnosis/diagnose.js";
import type { FactSheet } from "./facts.js";

export interface MitigationAdvice {
  id: string;
  title: string;
  snippet: string;
  why: string;
}

const RAW = { escape: (v: unknown) => String(v) };

/** Mitigation ids the verdict calls for: the leading error's signature, then the leading hypotheses. */
function wantedIds(verdict: Verdict, kb: Knowledge): string[] {
  const ids: string[] = [];
  const sig = verdict.leading?.signatureId
    ? kb.signatures.find((s) => s.id === verdict.leading?.signatureId)
    : undefined;
  if (sig && (verdict.errorClass === sig.errorClass || verdict.errorClass === "unknown"))
    ids.push(...sig.mitigations);
  const leaders =
    verdict.errorClass === "unknown"
      ? verdict.hypotheses.slice(0, 3)
      : verdict.hypotheses.slice(0, 1);
  for (const h of [...leaders, ...verdict.findings]) ids.push(...h.mitigations);
  // Class-wide advice from data, for classes no hypothesis above named.
  for (const m of kb.mitigations) if (m.classes.includes(verdict.errorClass)) ids.push(m.id);
  return [...new Set(ids)];
}

/** Ordered mitigations, each with why and a snippet; tool-specific ones replace their generic twins. */
export function mitigate(facts: FactSheet, verdict: Verdict, kb: Knowledge): MitigationAdvice[] {
  const tool = facts.tool && facts.tool.confidence >= 0.5 ? facts.tool.id : null;
  const byId = new Map(kb.mitigations.map((m) => [m.id, m]));
  const usable = (id: string) => {
    const m = byId.get(id);
    if (m === undefined) return false;
    const toolFits = m.tools.length === 0 || (tool !== null && m.tools.includes(tool));
    const providerFits =
      m.providers.length === 0 || (facts.provider !== null && m.providers.includes(facts.provider));
    return toolFits && providerFits;
  };
  let ids = wantedIds(verdict, kb);
  // A tool twin (openclaw-max-tokens for lower-max-tokens) is wanted whenever its generic form is.
  for (const m of kb.mitigations) {
    if (tool && m.tools.includes(tool) && m.replaces.some((r) => ids.includes(r))) ids.push(m.id);
  }
  ids = [...new Set(ids)].filter(usable);
  const replaced = new Set(ids.flatMap((id) => byId.get(id)?.replaces ?? []));
  const provider = kb.providers.find((p) => p.id === facts.provider);
  const fallback =
    facts.provider === "anthropic" ? "openai/gpt-5-mini" : "anthropic/claude-sonnet-4-5";
  const vars = {
    ...verdict.vars,
    statusUrl: provider?.statusUrl ?? null,
    fallback,
    retryAfter: verdict.retryAfterSeconds,
  };
  return ids
    .filter((id) => !replaced.has(id))
    .map((id) => byId.get(id))
    .filter((m) => m !== undefined)
    .sort((a, b) => a.order - b.order)
    .map((m) => ({
      id: m.id,
      title: Mustache.render(m.title, vars, {}, RAW),
      snippet: Mustache.render(m.snippet, vars, {}, RAW),
      why: Mustache.render(m.why, vars, {}, RAW),
    }));
}
