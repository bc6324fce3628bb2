import type { RetryCost } from "../../core/cost/retry-cost.js";
import { retryCostLine } from "../doc/retry-cost.js";
import { lineMarkdown } from "./doc-markdown.js";

/** The one-line cost of the retries in Markdown ("**What the retries cost:** 38 retries …"). */
export function renderRetryCostLine(cost: RetryCost, template: string): string {
  return lineMarkdown(retryCostLine(cost, template));
}
