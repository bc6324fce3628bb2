import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Timeline } from "../../core/timeline/types.js";
import { replyChart } from "../../render/chart/reply-chart.js";

/**
 * The console cannot show a picture: it writes the reply's chart as a PNG and says where.
 * Returns the line to print (also when the chart failed: the reply stands either way).
 */
export async function writeConsoleChart(
  dir: string,
  name: string,
  timeline: Timeline,
): Promise<string> {
  const chart = await replyChart(timeline);
  if (!chart.ok) return `── no chart: ${chart.reason} ──\n\n`;
  const path = join(dir, `${name.replace(/[^\w.-]+/g, "-")}.png`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, chart.image.png);
  } catch (error) {
    return `── no chart: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}) ──\n\n`;
  }
  return `── chart written to ${path} (${chart.image.alt}) ──\n\n`;
}
