import { describe, expect, it } from "vitest";
import { redact } from "../../../src/core/redact/redact.js";
import type { SecretRule } from "../../../src/core/redact/types.js";
import { CASES } from "./support/cases.js";
import { PATHOLOGICAL, pathologicalFor } from "./support/pathological.js";
import { createRng } from "./support/prng.js";
import { RULES } from "./support/rules.js";

/**
 * Only asserts that each rule finishes on ~1 MB of adversarial input: vitest's timeout is the
 * bound (timings are printed by `npm run bench -- redaction`, never asserted).
 */
describe("no catastrophic backtracking", () => {
  it.each(RULES.map((rule, i) => [`${rule.id} #${i}`, rule] as const))("%s", (_, rule) => {
    // Without keywords the regex itself runs on every input, not just on ones the prefilter admits.
    const raw: SecretRule = { ...rule, keywords: undefined };
    const own = CASES.find((c) => c.id === rule.id)?.positive(createRng(42));
    const inputs = { ...PATHOLOGICAL, ...(own ? pathologicalFor(own.text, own.secret) : {}) };
    for (const [name, input] of Object.entries(inputs)) {
      const result = redact(input, [raw]);
      expect(typeof result.text, name).toBe("string");
    }
  });

  it("every rule together on every generic input", () => {
    for (const input of Object.values(PATHOLOGICAL))
      expect(redact(input, RULES).text.length).toBeGreaterThan(0);
  });
});
