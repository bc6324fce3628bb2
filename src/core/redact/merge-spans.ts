import type { SecretRule, SecretSpan } from "./types.js";

/** A match before merging; `priority` is the rule's position in the list (lower wins). */
export interface Candidate extends SecretSpan {
  priority: number;
}

/**
 * Merges overlapping matches into one span each (secrets.md §1.4): the union is replaced so no
 * tail survives, and the kind is the most specific rule's (earliest in the list). Its prefix is
 * kept only when its match starts the union; otherwise the marker stands alone.
 */
export function mergeSpans(candidates: Candidate[]): SecretSpan[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || a.priority - b.priority);
  const merged: SecretSpan[] = [];
  let group: { start: number; end: number; best: Candidate } | undefined;
  for (const c of sorted) {
    if (group && c.start < group.end) {
      group.end = Math.max(group.end, c.end);
      if (c.priority < group.best.priority) group.best = c;
      continue;
    }
    if (group) merged.push(toSpan(group));
    group = { start: c.start, end: c.end, best: c };
  }
  if (group) merged.push(toSpan(group));
  return merged;
}

function toSpan(group: { start: number; end: number; best: Candidate }): SecretSpan {
  const rule: SecretRule = group.best.rule;
  const keep = group.best.start === group.start ? group.best.keep : 0;
  return { start: group.start, end: group.end, keep, rule };
}
