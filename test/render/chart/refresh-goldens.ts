/**
 * Rewrites the golden charts in test/fixtures/charts from the current renderer. Run it on purpose
 * after a deliberate change to the chart (`npm run charts:goldens`), look at the PNGs, commit them.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { timelineSvg } from "../../../src/render/chart/chart-svg.js";
import { svgToPng } from "../../../src/render/chart/rasterize.js";
import { GOLDEN_CASES, GOLDEN_DIR, goldenTimeline } from "./golden-cases.js";

for (const c of GOLDEN_CASES) {
  const svg = timelineSvg(goldenTimeline(c));
  writeFileSync(join(GOLDEN_DIR, `${c.name}.svg`), svg);
  writeFileSync(join(GOLDEN_DIR, `${c.name}.png`), await svgToPng(svg));
  process.stdout.write(`wrote ${c.name}.svg and .png\n`);
}
