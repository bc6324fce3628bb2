import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redact } from "../../../src/core/redact/redact.js";
import { CASES } from "./support/cases.js";
import { readFixture } from "./support/fill.js";
import { createRng } from "./support/prng.js";
import { RULES } from "./support/rules.js";

const RUNS = { seed: 20250101, numRuns: 200 };

/** Pieces that make rules fire and almost-fire, to be glued together arbitrarily. */
const rng = createRng(99);
const FRAGMENTS = [
  ...CASES.flatMap((c) => [c.positive(rng).text, c.positive(rng).secret, ...c.negatives]),
  ...readFixture("look-alikes.txt").split(/(\s+)/),
  "=",
  ":",
  '"',
  "'",
  " ",
  "\n",
  "\r\n",
  "-",
  "_",
  "a",
  "%3D",
  "\\n",
  "…[redacted]",
  "[redacted]",
  "Bearer ",
  "key=",
  "password: ",
  "-----BEGIN PRIVATE KEY-----",
  "-----END PRIVATE KEY-----",
];

const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme-ascii", maxLength: 300 }),
);
const secretish = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })), { maxLength: 12 })
  .map((parts) => parts.join(""));

describe("redact properties", () => {
  it("never throws, and returns its input unchanged when nothing matched", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, secretish), (text) => {
        const result = redact(text, RULES);
        if (result.redactions.length === 0) expect(result.text).toBe(text);
        else expect(result.text).not.toBe(text);
      }),
      RUNS,
    );
  });

  it("is idempotent: its own markers are never re-redacted", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, secretish), (text) => {
        const once = redact(text, RULES);
        const twice = redact(once.text, RULES);
        expect(twice.text).toBe(once.text);
        expect(twice.redactions).toEqual([]);
      }),
      RUNS,
    );
  });

  it("reports one redaction per marker it inserted", () => {
    fc.assert(
      fc.property(secretish, (text) => {
        const result = redact(text, RULES);
        const markers = result.text.split("[redacted]").length - text.split("[redacted]").length;
        expect(markers).toBe(result.redactions.length);
      }),
      RUNS,
    );
  });
});
