import type { Extractor } from "./extractor.js";
import type { Evidence } from "./types.js";

/** Situational facts from data/signals.json; the detail quotes the words that triggered it. */
export const signalExtractor: Extractor = (text, ctx) => {
  const out: Evidence[] = [];
  for (const signal of ctx.kb.signals) {
    for (const pattern of signal.patterns) {
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
