import type { Thread } from "../thread.js";
import { createTimelineBuilder, type RetryTally } from "./builder.js";
import { createLineReader } from "./line-reader.js";
import type { Timeline, TimelineLimits } from "./types.js";

export interface ThreadTimeline {
  timeline: Timeline | null;
  retries: RetryTally;
}

/** Each paste and each attachment is its own source: header dumps and log days do not run across. */
function sources(thread: Thread): string[] {
  return thread.messages.flatMap((m) => [
    m.content,
    ...(m.attachments ?? []).map((a) => a.content),
  ]);
}

/**
 * The timeline of whatever a thread carries with times in it (traces, logs, header dumps, stamped
 * error lines), and the tally of its retries. Pure: the same thread gives the same timeline.
 */
export function threadTimeline(thread: Thread, limits: TimelineLimits): ThreadTimeline {
  const builder = createTimelineBuilder();
  for (const text of sources(thread)) {
    const reader = createLineReader((e) => builder.add(e));
    for (const line of text.split("\n")) reader.line(line);
    reader.end();
  }
  return { timeline: builder.timeline(limits), retries: builder.retries() };
}

/** A timeline worth drawing: something was requested or failed at two moments or more. */
export function isChartable(timeline: Timeline | null): timeline is Timeline {
  if (timeline === null) return false;
  const { requests, retries, rateLimited, otherErrors } = timeline.totals;
  return requests + retries + rateLimited + otherErrors >= 2;
}
