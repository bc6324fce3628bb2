import { performance } from "node:perf_hooks";
import { loadKnowledge } from "../../src/knowledge/load.js";
import type { BenchSuite } from "../run.js";
import { fmtMs } from "../support/percentiles.js";

/** Inputs that make backtracking regexes explode: long runs of one class, near-misses repeated. */
const PATHOLOGICAL: Array<[string, string]> = [
  ["spaces", " ".repeat(1_000_000)],
  ["letters", "a".repeat(1_000_000)],
  ["digits", "9".repeat(1_000_000)],
  ["quotes and colons", '":'.repeat(500_000)],
  ["429 near-misses", "429 ".repeat(250_000)],
  ["json keys", '{"code":'.repeat(125_000)],
  ["limit words", "rate limit per minute quota ".repeat(36_000)],
  ["newlines", "\n".repeat(1_000_000)],
];

export const suite: BenchSuite = {
  name: "knowledge patterns on 1 MB pathological inputs (slowest first)",
  async run() {
    const kb = loadKnowledge();
    const patterns: Array<[string, RegExp]> = [];
    for (const s of kb.signatures)
      for (const p of [...s.all, ...s.any, ...s.none, ...s.extract])
        patterns.push([`signature ${s.id}`, p]);
    for (const t of kb.tools) {
      for (const m of t.markers) patterns.push([`tool ${t.id}`, m.pattern]);
      for (const p of [...t.versionPatterns, ...t.rewrites.map((r) => r.pattern)])
        patterns.push([`tool ${t.id}`, p]);
    }
    for (const p of kb.providers)
      for (const r of [...p.names, ...p.models]) patterns.push([`provider ${p.id}`, r]);
    for (const e of kb.experiments)
      for (const r of [...e.action, ...Object.values(e.outcomes).flat()])
        patterns.push([`experiment ${e.id}`, r]);
    for (const s of kb.signals) for (const r of s.patterns) patterns.push([`signal ${s.id}`, r]);
    const rows: Array<{ ms: number; line: string }> = [];
    for (const [where, pattern] of patterns) {
      for (const [input, text] of PATHOLOGICAL) {
        const start = performance.now();
        pattern.test(text);
        const ms = performance.now() - start;
        rows.push({
          ms,
          line: `${fmtMs(ms).padStart(10)}  ${where} on ${input}: /${pattern.source.slice(0, 60)}/`,
        });
      }
    }
    rows.sort((a, b) => b.ms - a.ms);
    return [
      `${patterns.length} patterns × ${PATHOLOGICAL.length} inputs`,
      ...rows.slice(0, 5).map((r) => r.line),
    ];
  },
};
