import type { MitigationAdvice } from "../core/mitigations.js";

const STOP = new Set(["about", "after", "their", "there", "which", "would", "another", "other"]);

/** Crude stemming so "switching models" meets "Switch to another model". */
function stem(word: string): string {
  return word.replace(/(?:ing|ed|es|s)$/, "");
}

function words(text: string): Set<string> {
  return new Set(
    (text.toLowerCase().match(/[a-z][a-z-]{3,}/g) ?? [])
      .filter((w) => !STOP.has(w))
      .map(stem)
      .filter((w) => w.length >= 4),
  );
}

/**
 * Which of the offered mitigations a "solved" message names: "#2" / "2" / "the second" by its
 * number in the reply, its id, or the one title that shares the most words with the message.
 * Null when nothing matches clearly; the free text is kept as a note either way.
 */
export function matchMitigation(
  text: string,
  offered: readonly MitigationAdvice[],
): MitigationAdvice | null {
  const t = text.toLowerCase();
  const number = /(?:^|#|\b(?:number|no\.?|option|step)\s*)(\d{1,2})\b/.exec(t)?.[1];
  if (number !== undefined) {
    const picked = offered[Number(number) - 1];
    if (picked) return picked;
  }
  const byId = offered.find((m) => t.includes(m.id.toLowerCase()));
  if (byId) return byId;
  const said = words(t);
  const scored = offered
    .map((m) => ({ m, score: [...words(m.title)].filter((w) => said.has(w)).length }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best || (second && second.score === best.score)) return null;
  return best.m;
}
