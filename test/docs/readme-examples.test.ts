import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  applyExamples,
  markedExamples,
  README,
  renderExamples,
} from "../../scripts/docs-examples.js";

describe("README examples", () => {
  it("are what the project prints now (fix: npm run docs:examples)", {
    timeout: 120_000,
  }, async () => {
    const readme = readFileSync(README, "utf8");
    const examples = await renderExamples();
    expect(markedExamples(readme).sort()).toEqual(Object.keys(examples).sort());
    // One example at a time, so a failure names the example that drifted.
    for (const name of Object.keys(examples)) {
      const only = { [name]: examples[name] ?? "" };
      expect(applyExamples(readme, only), `README example "${name}" drifted`).toBe(readme);
    }
  });
});
