import type { Timeline } from "../../core/timeline/types.js";
import { type ChartImage, renderChartWithin } from "./render-chart.js";

/**
 * How long a reply waits for its picture. A chat-sized timeline draws in tens of milliseconds
 * (`npm run bench -- chart`); past this the reply goes out without it.
 */
export const CHART_BUDGET_MS = 2000;

/** The name the picture gets on Discord and Slack. */
export const CHART_FILE_NAME = "rate-limit-timeline.png";

export type ReplyChart = { ok: true; image: ChartImage } | { ok: false; reason: string };

/** Never throws: a chart that fails or is late is a reason to log, not a reason to lose the reply. */
export async function replyChart(
  timeline: Timeline,
  budgetMs = CHART_BUDGET_MS,
): Promise<ReplyChart> {
  try {
    return { ok: true, image: await renderChartWithin(timeline, budgetMs) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
