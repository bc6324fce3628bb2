import type { Extractor } from "./extractor.js";
import { literalGate } from "./required-literals.js";
import type { Evidence } from "./types.js";

/** Longest span kept for a claim: enough to quote the sentence, never a whole paste. */
const MAX_SPAN = 200;

/**
 * Claims from people's own sentences, in every language that has a lexicon in data/claims/:
 * each claim id once per text, with the words that said it. English is always read (error bodies
 * are English inside any prose); another language's lexicon only when its cheap test in
 * data/languages.json says the text may be in it.
 */
export const claimExtractor: Extractor = (text, ctx) => {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  const gated = new Map(ctx.kb.languages.map((l) => [l.id, l.detect]));
  const readable = new Map<string, boolean>();
  const mayBeIn = (language: string) => {
    let yes = readable.get(language);
    if (yes === undefined) {
      yes = gated.get(language)?.test(text) ?? true;
      readable.set(language, yes);
    }
    return yes;
  };
  const mayMatch = literalGate(text);
  for (const claim of ctx.kb.claims) {
    if (seen.has(claim.id) || !mayBeIn(claim.language)) continue;
    // Patterns whose literals the text lacks are neither run nor, in a lazy load, compiled.
    const needs = claim.needs;
    const count = needs?.length ?? claim.patterns.length;
    for (let i = 0; i < count; i++) {
      if (needs && !mayMatch(needs[i])) continue;
      const pattern = claim.patternAt ? claim.patternAt(i) : (claim.patterns[i] as RegExp);
      const m = pattern.exec(text);
      if (!m) continue;
      seen.add(claim.id);
      out.push({
        kind: "claim",
        source: ctx.source,
        id: claim.id,
        language: claim.language,
        span: m[0].trim().slice(0, MAX_SPAN),
      });
      break;
    }
  }
  return out;
};
