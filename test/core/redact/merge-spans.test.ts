import { describe, expect, it } from "vitest";
import { type Candidate, mergeSpans } from "../../../src/core/redact/merge-spans.js";
import type { SecretRule } from "../../../src/core/redact/types.js";

const rule = (id: string): SecretRule => ({ id, title: id, pattern: /x/dgu, keepPrefix: 0 });
const GOOGLE = rule("google-api-key");
const PARAM = rule("url-key-param");
const GENERIC = rule("generic-secret");

const c = (start: number, end: number, r: SecretRule, priority: number, keep = 0): Candidate => ({
  start,
  end,
  rule: r,
  priority,
  keep,
});

describe("mergeSpans", () => {
  it("keeps disjoint and touching spans apart, sorted by start", () => {
    const spans = mergeSpans([c(10, 20, PARAM, 1), c(0, 10, GOOGLE, 0)]);
    expect(spans.map((s) => [s.start, s.end, s.rule.id])).toEqual([
      [0, 10, "google-api-key"],
      [10, 20, "url-key-param"],
    ]);
  });

  it("names an identical span after the earlier rule and keeps its prefix", () => {
    const [span] = mergeSpans([c(5, 44, PARAM, 1), c(5, 44, GOOGLE, 0, 4)]);
    expect(span).toMatchObject({ start: 5, end: 44, keep: 4, rule: GOOGLE });
  });

  it("replaces the union of overlapping matches so no tail survives", () => {
    const [span] = mergeSpans([c(5, 44, GOOGLE, 0, 4), c(30, 60, GENERIC, 2)]);
    expect(span).toMatchObject({ start: 5, end: 60, keep: 4, rule: GOOGLE });
  });

  it("drops the prefix when the winning match does not start the union", () => {
    const [span] = mergeSpans([c(0, 20, GENERIC, 2), c(10, 30, GOOGLE, 0, 4)]);
    expect(span).toMatchObject({ start: 0, end: 30, keep: 0, rule: GOOGLE });
  });

  it("chains overlaps transitively", () => {
    const spans = mergeSpans([c(0, 10, GENERIC, 2), c(8, 20, PARAM, 1), c(18, 25, GENERIC, 2)]);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ start: 0, end: 25, rule: PARAM });
  });
});
