import type { MissingInfo } from "../core/missing.js";
import type { AskedRecord } from "../store/records.js";

/** Questions asked in full earlier that the thread has still not answered. */
export function pendingQuestionIds(
  asked: ReadonlyMap<string, AskedRecord>,
  missing: readonly MissingInfo[],
): Set<string> {
  return new Set(missing.filter((m) => asked.get(m.id)?.answeredAt === null).map((m) => m.id));
}

/**
 * Updates what was asked and when: a question the engine no longer lists was answered; a question
 * shown in full now is asked (again, if it had been answered and came back after an edit).
 * Returns only the records that changed.
 */
export function recordAsked(
  asked: Map<string, AskedRecord>,
  missing: readonly MissingInfo[],
  shown: readonly MissingInfo[],
  at: string,
): AskedRecord[] {
  const changed = new Map<string, AskedRecord>();
  const stillMissing = new Set(missing.map((m) => m.id));
  for (const record of asked.values()) {
    if (record.answeredAt === null && !stillMissing.has(record.questionId)) {
      const answered = { ...record, answeredAt: at };
      asked.set(record.questionId, answered);
      changed.set(record.questionId, answered);
    }
  }
  for (const q of shown) {
    const old = asked.get(q.id);
    const next: AskedRecord = old
      ? {
          ...old,
          label: q.label,
          lastAskedAt: at,
          timesAsked: old.timesAsked + 1,
          answeredAt: null,
        }
      : {
          questionId: q.id,
          label: q.label,
          firstAskedAt: at,
          lastAskedAt: at,
          timesAsked: 1,
          answeredAt: null,
        };
    asked.set(q.id, next);
    changed.set(q.id, next);
  }
  return [...changed.values()];
}
