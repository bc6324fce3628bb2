import { readFileSync } from "node:fs";
import { join } from "node:path";
import { threadTimeline } from "../../../src/core/timeline/thread-timeline.js";
import type { Timeline, TimelineLimits } from "../../../src/core/timeline/types.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures");
export const GOLDEN_DIR = join(FIXTURES, "charts");

export interface GoldenCase {
  name: string;
  input: string;
  limits: TimelineLimits;
}

/** The pictures the project promises to draw the same way every time (see the golden test). */
export const GOLDEN_CASES: GoldenCase[] = [
  {
    name: "per-minute-limit-with-retries",
    input: "per-minute-retries.log",
    limits: { tier: "Tier 1", rpm: 10, tpm: null },
  },
  {
    name: "per-day-quota",
    input: "per-day-quota.log",
    limits: { tier: "Free", rpm: null, tpm: null },
  },
  {
    name: "fallback-chain",
    input: "fallback-chain.jsonl",
    limits: { tier: null, rpm: null, tpm: null },
  },
  {
    name: "retry-storm-after-cooldown",
    input: "retry-storm-after-cooldown.log",
    limits: { tier: "Tier 2", rpm: 50, tpm: null },
  },
];

export function goldenTimeline(c: GoldenCase): Timeline {
  const content = readFileSync(join(FIXTURES, "timeline", c.input), "utf8");
  const { timeline } = threadTimeline({ messages: [{ content }] }, c.limits);
  if (timeline === null) throw new Error(`${c.input} gave no timeline`);
  return timeline;
}
