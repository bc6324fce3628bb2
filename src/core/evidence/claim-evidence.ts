import type { Extractor } from "./extractor.js";
import type { Evidence } from "./types.js";

/** Longest span kept for a claim: enough to quote the sentence, never a whole paste. */
const MAX_SPAN = 200;

/**
 * Claims from people's own sentences, in every language that has a lexicon in data/claims/:
 * each claim id once per text, with the words that said it. Lexicons are tried in every text, so
 * an English error body inside Chinese prose is read by both.
 */
export const claimExtractor: Extractor = (text, ctx) => {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  for (const claim of ctx.kb.claims) {
    if (seen.has(claim.id)) continue;
    for (const pattern of claim.patterns) {
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
