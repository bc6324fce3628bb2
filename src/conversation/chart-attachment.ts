import type { Analysis } from "../core/analyze.js";
import { isChartable } from "../core/timeline/thread-timeline.js";
import type { Timeline } from "../core/timeline/types.js";

function sameTotals(a: Timeline, b: Timeline): boolean {
  const x = a.totals;
  const y = b.totals;
  return (
    x.requests === y.requests &&
    x.retries === y.retries &&
    x.rateLimited === y.rateLimited &&
    x.otherErrors === y.otherErrors &&
    a.resetAtMs === b.resetAtMs &&
    a.spans.length === b.spans.length
  );
}

/**
 * The timeline to attach to a reply: only when the newest message brought timed lines (a trace,
 * a log, a header dump). A follow-up that adds prose gets no second copy of the same picture.
 */
export function chartToAttach(now: Analysis, before: Analysis | null): Timeline | null {
  if (!isChartable(now.timeline)) return null;
  const earlier = before?.timeline ?? null;
  return earlier !== null && sameTotals(earlier, now.timeline) ? null : now.timeline;
}
