import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { claimPatterns } from "../helpers/knowledge-patterns.js";
import { PATHOLOGICAL_INPUTS } from "../helpers/pathological-inputs.js";

const kb = loadKnowledge();
/** Claims read prose, which is small: 32 KB is enough to expose a pattern that backtracks. */
const SLICE = 32 * 1024;

describe("claim lexicons and language tests on pathological input", () => {
  const patterns = claimPatterns(kb);
  it(`each of the ${patterns.length} patterns finishes on ${SLICE / 1024} KB inputs`, () => {
    let runs = 0;
    for (const [, pattern] of patterns) {
      for (const [, input] of PATHOLOGICAL_INPUTS) {
        pattern.test(input.slice(0, SLICE));
        runs++;
      }
    }
    expect(runs).toBe(patterns.length * PATHOLOGICAL_INPUTS.length);
  });
});
