import type { RetryCost } from "../../core/cost/retry-cost.js";
import type { Line } from "../../model/reply-doc.js";
import { compactNumber } from "../chart/scale.js";
import { fillLine } from "./phrases.js";

function spanWords(ms: number | null): string {
  if (ms === null || ms < 1000) return "a moment";
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 360) / 10} h`;
}

function dollars(usd: number): string {
  if (usd >= 100) return `≈ $${Math.round(usd)}`;
  if (usd >= 0.01) return `≈ $${usd.toFixed(2)}`;
  return "under $0.01";
}

/** The one-line cost of the retries ("38 retries in 4 min, ≈ 1.2M input tokens, ≈ $3.70 …"). */
export function retryCostLine(cost: RetryCost, template: string): Line {
  const view = {
    retries: cost.retries,
    span: spanWords(cost.spanMs),
    perTurn: cost.perFailedTurn !== null && cost.failedTurns > 1 ? cost.perFailedTurn : null,
    tokens:
      cost.retryTokens !== null && cost.retryTokens > 0 ? compactNumber(cost.retryTokens) : null,
    usd: cost.usd !== null && cost.usd > 0 ? dollars(cost.usd) : null,
    model: cost.price?.model ?? null,
    asOf: cost.price?.asOf ?? null,
    cap: cost.cap,
    saved: cost.savedByCap > 0 ? cost.savedByCap : null,
  };
  return fillLine(template.trim(), view);
}
