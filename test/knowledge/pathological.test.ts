import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { knowledgePatterns } from "../helpers/knowledge-patterns.js";
import { PATHOLOGICAL_INPUTS } from "../helpers/pathological-inputs.js";

const patterns = knowledgePatterns(loadKnowledge());

describe("knowledge patterns on pathological input", () => {
  it(`each of the ${patterns.length} patterns finishes on 1 MB inputs`, () => {
    let runs = 0;
    for (const [, pattern] of patterns) {
      for (const [, input] of PATHOLOGICAL_INPUTS) {
        pattern.test(input);
        runs++;
      }
    }
    expect(runs).toBe(patterns.length * PATHOLOGICAL_INPUTS.length);
  });
});
