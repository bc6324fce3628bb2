import Mustache from "mustache";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { Verdict } from "./diagnosis/diagnose.js";
import { holdsAll } from "./diagnosis/markers.js";
import type { FactSheet } from "./facts.js";

export interface MissingInfo {
  id: string;
  label: string;
  why: string;
  howToGet: string;
  /** Conditions that mean the thread has answered it (from the question's `unless`). */
  answeredWhen: string[];
}

function howToGet(q: Knowledge["questions"][number], facts: FactSheet): string {
  const tool = facts.tool && facts.tool.confidence >= 0.5 ? facts.tool.id : undefined;
  const keys = [tool, facts.provider, "default"];
  const template =
    keys.map((k) => (k ? q.howToGet[k] : undefined)).find((t) => t !== undefined) ?? "";
  return Mustache.render(
    template,
    { provider: facts.provider ?? "<provider>" },
    {},
    { escape: (v: unknown) => String(v) },
  );
}

/**
 * A question for open threads ("unknown") is asked while nothing leads; a leading verdict asks
 * what its own class needs, so the reply stays short.
 */
function asksFor(classes: readonly string[], verdict: Verdict): boolean {
  return (
    classes.includes(verdict.errorClass) ||
    (verdict.tier === "unknown" && classes.includes("unknown")) ||
    (verdict.tier === "leading" && classes.includes("leading"))
  );
}

/**
 * The smallest set of questions that would move the verdict: each question in data says when it
 * matters (verdict classes, conditions) and what already answers it; answered ones are never asked.
 */
export function missingInfo(facts: FactSheet, verdict: Verdict, kb: Knowledge): MissingInfo[] {
  return kb.questions
    .filter((q) => q.classes.length === 0 || asksFor(q.classes, verdict))
    .filter((q) => q.askWhen.every((c) => holdsAll(c, verdict.markers)))
    .filter((q) => !q.unless.some((c) => holdsAll(c, verdict.markers)))
    .sort((a, b) => a.order - b.order)
    .map((q) => ({
      id: q.id,
      label: q.label,
      why: q.why,
      howToGet: howToGet(q, facts),
      answeredWhen: q.unless,
    }));
}
