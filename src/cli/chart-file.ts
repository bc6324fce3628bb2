import { writeFileSync } from "node:fs";
import { extname } from "node:path";
import { isChartable } from "../core/timeline/thread-timeline.js";
import type { Timeline } from "../core/timeline/types.js";
import { timelineSvg } from "../render/chart/chart-svg.js";
import { svgToPng } from "../render/chart/rasterize.js";
import { type CliIo, UsageError } from "./io.js";

export type ChartFormat = "png" | "svg";

/** `--chart FILE` out of the arguments: the file and its format, and the arguments without it. */
export function takeChartOption(args: string[]): {
  chart: { path: string; format: ChartFormat } | null;
  rest: string[];
} {
  const at = args.indexOf("--chart");
  if (at < 0) return { chart: null, rest: args };
  const path = args[at + 1];
  if (path === undefined || path.startsWith("-"))
    throw new UsageError("--chart needs a file name ending in .png or .svg");
  const ext = extname(path).toLowerCase();
  if (ext !== ".png" && ext !== ".svg")
    throw new UsageError(`--chart ${path}: the file name must end in .png or .svg`);
  return {
    chart: { path, format: ext === ".png" ? "png" : "svg" },
    rest: [...args.slice(0, at), ...args.slice(at + 2)],
  };
}

/**
 * Writes the timeline picture and says where on standard error (standard output stays the
 * summary or the JSON). Input without timed requests gets a note and no file.
 */
export async function writeChart(
  chart: { path: string; format: ChartFormat },
  timeline: Timeline | null,
  io: CliIo,
): Promise<void> {
  if (!isChartable(timeline)) {
    io.stderr.write("No chart written: the input has no timed requests or errors to draw.\n");
    return;
  }
  const svg = timelineSvg(timeline);
  const bytes = chart.format === "svg" ? Buffer.from(svg, "utf8") : await svgToPng(svg);
  try {
    writeFileSync(chart.path, bytes);
  } catch (error) {
    throw new UsageError(
      `cannot write ${chart.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  io.stderr.write(`Chart written to ${chart.path} (${bytes.length} bytes).\n`);
}
