import type { Extractor } from "./extractor.js";
import { literalGate } from "./required-literals.js";
import type { Evidence } from "./types.js";

/** Situational facts from data/signals.json; the detail quotes the words that triggered it. */
export const signalExtractor: Extractor = (text, ctx) => {
  const out: Evidence[] = [];
  const mayMatch = literalGate(text);
  for (const signal of ctx.kb.signals) {
    // Patterns whose literals the text lacks are neither run nor, in a lazy load, compiled.
    const needs = signal.needs;
    const count = needs?.length ?? signal.patterns.length;
    for (let i = 0; i < count; i++) {
      if (needs && !mayMatch(needs[i])) continue;
      const pattern = signal.patternAt ? signal.patternAt(i) : (signal.patterns[i] as RegExp);
      const m = pattern.exec(text);
      if (!m) continue;
      out.push({
        kind: "signal",
        source: ctx.source,
        id: signal.id,
        detail: m[0].trim().slice(0, 240),
      });
      break;
    }
  }
  return out;
};
