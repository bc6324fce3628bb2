import type { Analysis } from "./analyze.js";
import { holdsAll } from "./diagnosis/markers.js";

/** What a new message changed in the verdict; the reply leads with it on follow-ups. */
export interface VerdictChanges {
  /** The class now, when it changed. */
  nowClass: string | null;
  ruledOut: Array<{ title: string; because: string }>;
  answered: string[];
  /** Asked before, no longer needed because the verdict moved (not because the user answered). */
  noLongerNeeded: string[];
  newFacts: string[];
}

export function verdictChanges(previous: Analysis, current: Analysis): VerdictChanges {
  const before = previous.verdict;
  const after = current.verdict;
  const wasOut = new Set(before.ruledOut.map((r) => r.id));
  const stillMissing = new Set(current.missing.map((m) => m.id));
  const dropped = previous.missing.filter((m) => !stillMissing.has(m.id));
  const newFacts: string[] = [];
  if (!previous.facts.tool?.version && current.facts.tool?.version)
    newFacts.push(`version ${current.facts.tool.version}`);
  if (previous.facts.rawErrors.length === 0 && current.facts.rawErrors.length > 0)
    newFacts.push("the raw provider error");
  return {
    nowClass: before.errorClass !== after.errorClass ? after.errorClass : null,
    ruledOut: after.ruledOut
      .filter((r) => !wasOut.has(r.id))
      .map(({ title, because }) => ({ title, because })),
    answered: dropped
      .filter((m) => m.answeredWhen.some((c) => holdsAll(c, after.markers)))
      .map((m) => m.label),
    noLongerNeeded: dropped
      .filter((m) => !m.answeredWhen.some((c) => holdsAll(c, after.markers)))
      .map((m) => m.label),
    newFacts,
  };
}

export function hasChanges(c: VerdictChanges): boolean {
  return (
    c.nowClass !== null || c.ruledOut.length > 0 || c.answered.length > 0 || c.newFacts.length > 0
  );
}
