import { describe, expect, it } from "vitest";
import { markerAfter } from "../../../src/core/redact/marker.js";
import { redact } from "../../../src/core/redact/redact.js";
import { CASES, type Positive } from "./support/cases.js";
import { createRng } from "./support/prng.js";
import { RULE_IDS, RULES, rulesOf, tellTales } from "./support/rules.js";

const PER_RULE = 25;

function positives(id: string, index: number): Positive[] {
  const rule = CASES.find((c) => c.id === id);
  if (!rule) throw new Error(`no case for ${id}`);
  const rng = createRng(0x5eed + index * 7919);
  return Array.from({ length: PER_RULE }, () => rule.positive(rng));
}

function expected(p: Positive): string {
  return p.text.replace(p.secret, `${p.keep}${markerAfter(p.keep.length)}`);
}

describe("secret rules", () => {
  it("has positive and negative cases for every rule id, and a rule for every case", () => {
    expect(CASES.map((c) => c.id).sort()).toEqual([...RULE_IDS].sort());
    for (const c of CASES) expect(c.negatives.length, c.id).toBeGreaterThan(0);
  });

  describe.each(CASES.map((c, i) => [c.id, i] as const))("%s", (id, index) => {
    const cases = positives(id, index);
    const negatives = CASES[index]?.negatives ?? [];

    it("finds every generated true positive on its own", () => {
      for (const p of cases) {
        const result = redact(p.text, rulesOf(id));
        expect(result.text, p.text).toBe(expected(p));
        expect(result.redactions.map((r) => r.kind)).toEqual([id]);
      }
    });

    it("reports the same kind with every rule running, leaving no tail in clear", () => {
      for (const p of cases) {
        const result = redact(p.text, RULES);
        expect(result.text, p.text).toBe(expected(p));
        for (const fragment of tellTales(p.secret)) expect(result.text).not.toContain(fragment);
        expect(result.redactions.map((r) => r.kind)).toEqual([p.kind ?? id]);
        expect(result.redactions[0]?.preview).toBe(`${p.keep}${markerAfter(p.keep.length)}`);
      }
    });

    it.each(negatives)("leaves the near miss %j byte for byte", (text) => {
      expect(redact(text, rulesOf(id)).redactions).toEqual([]);
      const all = redact(text, RULES);
      expect(all.text).toBe(text);
      expect(all.redactions).toEqual([]);
    });
  });
});
