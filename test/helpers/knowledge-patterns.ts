import type { Knowledge } from "../../src/knowledge/knowledge.js";

/** Every regular expression in the knowledge base, named by where it lives. */
export function knowledgePatterns(kb: Knowledge): Array<[string, RegExp]> {
  const out: Array<[string, RegExp]> = [];
  for (const s of kb.signatures)
    for (const p of [...s.all, ...s.any, ...s.none, ...s.extract])
      out.push([`signature ${s.id}`, p]);
  for (const t of kb.tools) {
    for (const m of t.markers) out.push([`tool ${t.id} marker`, m.pattern]);
    for (const p of t.versionPatterns) out.push([`tool ${t.id} version`, p]);
    for (const r of t.rewrites) out.push([`tool ${t.id} rewrite`, r.pattern]);
  }
  for (const p of kb.providers)
    for (const r of [...p.names, ...p.models]) out.push([`provider ${p.id}`, r]);
  for (const e of kb.experiments)
    for (const r of [...e.action, ...Object.values(e.outcomes).flat()])
      out.push([`experiment ${e.id}`, r]);
  for (const s of kb.signals) for (const r of s.patterns) out.push([`signal ${s.id}`, r]);
  return out;
}

/** The claim lexicons' patterns and the language tests that gate them. */
export function claimPatterns(kb: Knowledge): Array<[string, RegExp]> {
  return [
    ...kb.claims.flatMap((c) =>
      c.patterns.map((p): [string, RegExp] => [`claim ${c.language} ${c.id}`, p]),
    ),
    ...kb.languages.flatMap(
      (l): Array<[string, RegExp]> => [
        ...(l.detect ? [[`language ${l.id}`, l.detect] as [string, RegExp]] : []),
        ...(l.common ? [[`language ${l.id} common`, l.common] as [string, RegExp]] : []),
      ],
    ),
  ];
}
