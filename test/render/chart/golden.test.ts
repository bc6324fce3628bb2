import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { timelineSvg } from "../../../src/render/chart/chart-svg.js";
import { svgToPng } from "../../../src/render/chart/rasterize.js";
import { GOLDEN_CASES, GOLDEN_DIR, goldenTimeline } from "./golden-cases.js";

const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

// Byte-for-byte: the shipped font and no system fonts make the PNG the same on every machine.
// After a deliberate change, `npm run charts:goldens` rewrites them (look before committing).
describe("golden charts", () => {
  for (const c of GOLDEN_CASES) {
    it(`${c.name}: the SVG and the PNG are the golden ones`, async () => {
      const svg = timelineSvg(goldenTimeline(c));
      expect(svg).toBe(readFileSync(join(GOLDEN_DIR, `${c.name}.svg`), "utf8"));
      const png = await svgToPng(svg);
      expect(sha(png)).toBe(sha(readFileSync(join(GOLDEN_DIR, `${c.name}.png`))));
    });
  }

  it("rendering twice gives the same bytes", async () => {
    const first = GOLDEN_CASES[0];
    if (!first) throw new Error("no golden case");
    const svg = timelineSvg(goldenTimeline(first));
    expect(sha(await svgToPng(svg))).toBe(sha(await svgToPng(svg)));
  });
});
