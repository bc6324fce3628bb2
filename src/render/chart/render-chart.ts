import type { Timeline } from "../../core/timeline/types.js";
import { timelineSvg } from "./chart-svg.js";
import { chartTitle } from "./chart-titles.js";
import { svgToPng } from "./rasterize.js";

export interface ChartImage {
  png: Buffer;
  /** Alt text: what the picture shows, for screen readers and the file's title. */
  alt: string;
  ms: number;
}

export class ChartTimeout extends Error {
  constructor(budgetMs: number) {
    super(`the chart took longer than its ${budgetMs} ms budget`);
    this.name = "ChartTimeout";
  }
}

/**
 * Renders a timeline to PNG within a time budget. The drawing itself cannot be stopped, but the
 * caller stops waiting: a reply is never held up by its picture.
 */
export async function renderChartWithin(
  timeline: Timeline,
  budgetMs: number,
  clock: () => number = () => performance.now(),
): Promise<ChartImage> {
  const started = clock();
  const svg = timelineSvg(timeline);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ChartTimeout(budgetMs)), budgetMs);
  });
  try {
    const png = await Promise.race([svgToPng(svg), timeout]);
    return { png, alt: chartTitle(timeline), ms: clock() - started };
  } finally {
    clearTimeout(timer);
  }
}
