import type { Thread } from "../thread.js";
import { createTimelineBuilder, type RetryTally } from "./builder.js";
import { createLineReader } from "./line-reader.js";
import type { Timeline, TimelineEvent, TimelineLimits } from "./types.js";

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
 * Events already read per text (the evidence cache keeps them): a text's events depend on that
 * text alone, so a thread's earlier messages are not read line by line again on every event.
 */
export interface TextEventsMemo {
  events(text: string, read: () => readonly TimelineEvent[]): readonly TimelineEvent[];
}

/** The events one paste or file carries, in the order its reader gives them. */
function eventsOf(text: string): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const reader = createLineReader((e) => events.push(e));
  for (const line of text.split("\n")) reader.line(line);
  reader.end();
  return events;
}

/**
 * The timeline of whatever a thread carries with times in it (traces, logs, header dumps, stamped
 * error lines), and the tally of its retries. Pure: the same thread gives the same timeline.
 */
export function threadTimeline(
  thread: Thread,
  limits: TimelineLimits,
  memo?: TextEventsMemo,
): ThreadTimeline {
  const builder = createTimelineBuilder();
  for (const text of sources(thread)) {
    const events = memo ? memo.events(text, () => eventsOf(text)) : eventsOf(text);
    for (const event of events) builder.add(event);
  }
  return { timeline: builder.timeline(limits), retries: builder.retries() };
}

/** A timeline worth drawing: something was requested or failed at two moments or more. */
export function isChartable(timeline: Timeline | null): timeline is Timeline {
  if (timeline === null) return false;
  const { requests, retries, rateLimited, otherErrors } = timeline.totals;
  return requests + retries + rateLimited + otherErrors >= 2;
}
