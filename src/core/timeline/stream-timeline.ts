import { createTimelineBuilder, type RetryTally } from "./builder.js";
import { createLineReader } from "./line-reader.js";
import type { Timeline, TimelineLimits } from "./types.js";

const NO_LIMITS: TimelineLimits = { tier: null, rpm: null, tpm: null };

/** A timeline fed one line at a time (a trace of any size, in bounded memory). */
export interface StreamTimeline {
  line: (text: string) => void;
  timeline: (limits?: TimelineLimits) => Timeline | null;
  retries: () => RetryTally;
}

export function createStreamTimeline(): StreamTimeline {
  const builder = createTimelineBuilder();
  const reader = createLineReader((e) => builder.add(e));
  let ended = false;
  return {
    line: (text) => reader.line(text),
    timeline: (limits = NO_LIMITS) => {
      if (!ended) reader.end();
      ended = true;
      return builder.timeline(limits);
    },
    retries: () => builder.retries(),
  };
}
