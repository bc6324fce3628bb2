import type { PriceTable } from "../../knowledge/schema.js";
import type { RetryTally } from "../timeline/builder.js";
import { type ModelPrice, priceFor } from "./prices.js";

/**
 * The retry cap the advice names: the `cap-retries-dead-letter` mitigation's snippet
 * (data/mitigations/generic.json) says `maxRetries: 3`.
 */
export const ADVISED_RETRY_CAP = 3;

export interface RetryCost {
  attempts: number;
  retries: number;
  failedTurns: number;
  /** Retries per failed turn, rounded to a tenth; null without a failed turn. */
  perFailedTurn: number | null;
  maxPerTurn: number;
  /** From the first retry to the last. */
  spanMs: number | null;
  /** Input tokens the retries sent; null when nothing said how large the requests were. */
  retryTokens: number | null;
  price: ModelPrice | null;
  /** Estimated list-price cost of the retries' input tokens; null without tokens or a price. */
  usd: number | null;
  cap: number;
  /** Retries a cap of `cap` per turn would have left out (at most). */
  savedByCap: number;
}

/** What the retries cost, from the tally a timeline keeps; null when nothing was retried. */
export function retryCost(
  tally: RetryTally,
  prices: readonly PriceTable[],
  provider?: string | null,
): RetryCost | null {
  if (tally.retries === 0) return null;
  const model = tally.models[0];
  const price = model === undefined ? null : priceFor(prices, model, provider);
  const usd =
    price && tally.retryTokens !== null ? (tally.retryTokens / 1e6) * price.inputPerMTok : null;
  const turns = Math.max(1, tally.failedTurns);
  return {
    attempts: tally.attempts,
    retries: tally.retries,
    failedTurns: tally.failedTurns,
    perFailedTurn:
      tally.failedTurns > 0 ? Math.round((tally.retries / tally.failedTurns) * 10) / 10 : null,
    maxPerTurn: tally.maxRetriesPerTurn,
    spanMs:
      tally.firstRetryMs !== null && tally.lastRetryMs !== null
        ? tally.lastRetryMs - tally.firstRetryMs
        : null,
    retryTokens: tally.retryTokens,
    price,
    usd,
    cap: ADVISED_RETRY_CAP,
    savedByCap: Math.max(0, tally.retries - ADVISED_RETRY_CAP * turns),
  };
}
