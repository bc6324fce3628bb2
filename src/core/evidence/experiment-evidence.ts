import type { CompiledExperiment } from "../../knowledge/knowledge.js";
import type { Extractor } from "./extractor.js";
import type { Evidence, ExperimentOutcome } from "./types.js";

const OUTCOME_ORDER: ExperimentOutcome[] = ["helped", "no_effect", "works", "fails"];
/** How far below an action line its outcome may stand ("What we tried: 1… 2… 3. Both fail"). */
const LOOKAHEAD_LINES = 4;

function outcomeIn(experiment: CompiledExperiment, text: string): ExperimentOutcome | null {
  for (const outcome of OUTCOME_ORDER) {
    if (experiment.outcomes[outcome].some((p) => p.test(text))) return outcome;
  }
  return null;
}

/** The action's own line, then the next lines of the same block. */
function outcomeFor(
  experiment: CompiledExperiment,
  lines: string[],
  index: number,
): ExperimentOutcome | null {
  const own = outcomeIn(experiment, lines[index] ?? "");
  if (own) return own;
  for (let i = index + 1; i < Math.min(lines.length, index + 1 + LOOKAHEAD_LINES); i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "" || /^\s*[A-Z][\w ]{2,40}:\s*$/u.test(line)) break;
    // Another experiment's line speaks for that experiment, unless it speaks for all ("Both fail").
    const own2 = outcomeIn(experiment, line);
    if (own2 && /\b(?:both|all|each|every|neither|none|still)\b/iu.test(line)) return own2;
  }
  return null;
}

/** What the user tried and what happened, from data/experiments.json. */
export const experimentExtractor: Extractor = (text, ctx) => {
  const out: Evidence[] = [];
  // Clauses: lines, and sentences within a line ("Minimal curl: success. Fresh session: 429.").
  const lines = text
    .split(/\r?\n/u)
    .flatMap((line) => (line.trim() === "" ? [""] : line.split(/(?<=[.!?])\s+(?=\S)/u)));
  const seen = new Set<string>();
  for (const experiment of ctx.kb.experiments) {
    lines.forEach((line, index) => {
      for (const action of experiment.action) {
        const m = action.exec(line);
        if (!m) continue;
        const outcome = outcomeFor(experiment, lines, index);
        if (!outcome) continue;
        const key = `${experiment.id}=${outcome}`;
        if (seen.has(key)) return;
        seen.add(key);
        const value = m.groups?.value === undefined ? undefined : Number(m.groups.value);
        out.push({
          kind: "experiment",
          source: { ...ctx.source, line: index + 1 },
          id: experiment.id,
          outcome,
          detail: line.trim().slice(0, 200),
          ...(value === undefined ? {} : { value }),
        });
        return;
      }
    });
  }
  return out;
};
