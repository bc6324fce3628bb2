import Mustache from "mustache";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { Question } from "../knowledge/schema.js";
import type { Verdict } from "./diagnosis/diagnose.js";
import { holdsAll } from "./diagnosis/markers.js";
import type { FactSheet } from "./facts.js";
import type { ErrorClass } from "./vocabulary.js";

export interface MissingInfo {
  id: string;
  label: string;
  why: string;
  howToGet: string;
  /** Conditions that mean the thread has answered it (from the question's `unless`). */
  answeredWhen: string[];
  /**
   * False for a question that only fits the fix to a verdict already named: the thread counts as
   * diagnosed while it is open.
   */
  blocking: boolean;
}

function howToGet(q: Question, facts: FactSheet): string {
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

/** Most questions one reply asks when some of them only fit the fix to the verdict. */
const MAX_ASKS = 5;

/**
 * The smallest set of questions that would move the verdict: each question in data says when it
 * matters (verdict classes, conditions) and what already answers it; answered ones are never asked.
 */
export function missingInfo(facts: FactSheet, verdict: Verdict, kb: Knowledge): MissingInfo[] {
  // Questions may also depend on how settled the verdict is ("tier:decided").
  const markers = new Set([...verdict.markers, `tier:${verdict.tier}`]);
  const holds = (c: string) => holdsAll(c, markers);
  // `alsoWhen` asks hold the thread open while the cause is; once it is decided they only fit the
  // fix (a decided per-day quota does not wait on the fallback settings).
  const decided = verdict.tier === "decided";
  const also = (q: Question) => q.alsoWhen.some(holds);
  const needed = (q: Question) =>
    q.classes.length === 0 || asksFor(q.classes, verdict) || (!decided && also(q));
  const confirming = (q: Question) =>
    q.confirms.includes(verdict.errorClass as ErrorClass) || (decided && also(q));
  const asked = kb.questions
    .filter((q) => needed(q) || confirming(q))
    .filter((q) => q.askWhen.every(holds))
    .filter((q) => !q.unless.some(holds))
    .sort((a, b) => a.order - b.order);
  // Questions that only fit the fix come after what the verdict needs, while the reply stays short.
  // A question folded into another one asked (the log inside the raw-error ask) takes no room.
  const askedIds = new Set(asked.map((q) => q.id));
  const foldsAway = (q: Question) => q.foldsInto !== undefined && askedIds.has(q.foldsInto);
  const blocking = asked.filter((q) => needed(q) && !foldsAway(q)).length;
  let room = Math.max(0, MAX_ASKS - blocking);
  const kept = asked.filter((q) => needed(q) || room-- > 0);
  const ids = new Set(kept.map((q) => q.id));
  const folded = kept.filter((q) => q.foldsInto !== undefined && ids.has(q.foldsInto));
  return kept
    .filter((q) => !folded.includes(q))
    .map((q) => {
      const extra = folded.filter((f) => f.foldsInto === q.id);
      return {
        id: q.id,
        label: q.label,
        why: q.why,
        howToGet: [q, ...extra].map((x) => howToGet(x, facts)).join("\n"),
        answeredWhen: [...q.unless, ...extra.flatMap((f) => f.unless)],
        blocking: needed(q),
      };
    });
}
