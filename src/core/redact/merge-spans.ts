import type { Hole, SecretRule, SecretSpan } from "./types.js";

/** A match before merging; `priority` is the rule's position in the list (lower wins). */
export interface Candidate extends SecretSpan {
  priority: number;
}

interface Group {
  start: number;
  end: number;
  best: Candidate;
  members: Candidate[];
}

/**
 * Merges overlapping matches into one span each (secrets.md §1.4): the union is replaced so no
 * tail survives, and the kind is the most specific rule's (earliest in the list). Its prefix is
 * kept only when its match starts the union; otherwise the marker stands alone.
 */
export function mergeSpans(candidates: Candidate[]): SecretSpan[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || a.priority - b.priority);
  const merged: SecretSpan[] = [];
  let group: Group | undefined;
  for (const c of sorted) {
    if (group && c.start < group.end) {
      group.end = Math.max(group.end, c.end);
      if (c.priority < group.best.priority) group.best = c;
      group.members.push(c);
      continue;
    }
    if (group) merged.push(toSpan(group));
    group = { start: c.start, end: c.end, best: c, members: [c] };
  }
  if (group) merged.push(toSpan(group));
  return merged;
}

function toSpan(group: Group): SecretSpan {
  const rule: SecretRule = group.best.rule;
  const keep = group.best.start === group.start ? group.best.keep : 0;
  const holes = keptHoles(group, group.start + keep);
  return { start: group.start, end: group.end, keep, rule, ...(holes.length > 0 ? { holes } : {}) };
}

/**
 * Presentation stays only where no member of the group reads it as part of its secret: a plain
 * match that covers a line break (a PEM body) takes the break with it (fail closed).
 */
function keptHoles(group: Group, keptEnd: number): Hole[] {
  if (!group.members.some((m) => m.holes)) return [];
  const holes = group.members
    .flatMap((m) => m.holes ?? [])
    .filter((h) => h.start >= keptEnd && h.end <= group.end)
    .filter((h) =>
      group.members.every(
        (m) =>
          h.end <= m.start ||
          h.start >= m.end ||
          m.holes?.some((own) => own.start <= h.start && h.end <= own.end),
      ),
    )
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const disjoint: Hole[] = [];
  for (const h of holes) {
    const last = disjoint.at(-1);
    if (!last || h.start >= last.end) disjoint.push(h);
  }
  return disjoint;
}
