import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redact } from "../../../src/core/redact/redact.js";
import { CASES, type Positive } from "./support/cases.js";
import { PRESENTATIONS, plainly, stackedPaste } from "./support/present.js";
import { createRng } from "./support/prng.js";
import { RULES, tellTales } from "./support/rules.js";

const SEEDS = 6;
const count = (text: string, what: string) => text.split(what).length - 1;

/** Every secret gone, whatever its shape; every escape, border and line break still there. */
function expectRedacted(text: string, p: Positive, shown: string) {
  const result = redact(text, RULES);
  const plainIn = plainly(text);
  const plainOut = plainly(result.text);
  for (const fragment of tellTales(p.secret).map(plainly)) {
    expect(plainIn, `${shown}: the presentation hid the key from the test itself`).toContain(
      fragment,
    );
    expect(plainOut, `${shown}: ${JSON.stringify(text)}`).not.toContain(fragment);
  }
  expect(result.redactions.length, shown).toBeGreaterThan(0);
  // A PEM body's own line ends go with it (written out in JSON, or a wrap among them); every
  // other line end, escape and border is presentation and stays.
  const multiLine = /\n|\\n/.test(p.secret);
  for (const kept of ["\x1b", "\n", "\r", "│"].filter((k) => !(multiLine && /[\r\n]/.test(k))))
    expect(count(result.text, kept), `${shown}: ${JSON.stringify(kept)}`).toBe(count(text, kept));
  expect(redact(result.text, RULES).text, `${shown}: idempotent`).toBe(result.text);
}

describe("every secret of the corpus in every presentation", () => {
  describe.each(CASES.map((c, i) => [c.id, i] as const))("%s", (id, index) => {
    const rule = CASES[index];
    it.each(PRESENTATIONS.map((p) => [p.name, p] as const))("%s", (_, presentation) => {
      const rng = createRng(0xfa11 + index * 31);
      for (let seed = 0; seed < SEEDS; seed++) {
        const p = rule?.positive(rng);
        if (!p) throw new Error(`no case ${id}`);
        if (presentation.fits && !presentation.fits(p)) continue;
        expectRedacted(presentation.apply(p.text, p.secret, rng), p, presentation.name);
      }
    });
  });

  it("and in combinations of them, as pastes stack them", () => {
    fc.assert(
      fc.property(stackedPaste, ({ text, positive, shown }) => {
        expectRedacted(text, positive, shown);
      }),
      { seed: 20261203, numRuns: 400 },
    );
  });
});
