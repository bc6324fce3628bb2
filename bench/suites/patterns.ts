import { performance } from "node:perf_hooks";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { claimPatterns, knowledgePatterns } from "../../test/helpers/knowledge-patterns.js";
import { PATHOLOGICAL_INPUTS } from "../../test/helpers/pathological-inputs.js";
import type { BenchSuite } from "../run.js";
import { fmtMs } from "../support/percentiles.js";

export const suite: BenchSuite = {
  name: "knowledge patterns on 1 MB pathological inputs (slowest first)",
  async run() {
    const kb = loadKnowledge();
    const patterns = [...knowledgePatterns(kb), ...claimPatterns(kb)];
    const rows: Array<{ ms: number; line: string }> = [];
    for (const [where, pattern] of patterns) {
      for (const [input, text] of PATHOLOGICAL_INPUTS) {
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
      `${patterns.length} patterns × ${PATHOLOGICAL_INPUTS.length} inputs`,
      ...rows.slice(0, 5).map((r) => r.line),
    ];
  },
};
