import type { PriceTable } from "../../knowledge/schema.js";

export interface ModelPrice {
  provider: string;
  model: string;
  inputPerMTok: number;
  asOf: string;
  source: string;
}

/** Strips a provider prefix ("google/gemini-2.5-flash") and a dated suffix is kept: prefixes match. */
function bareModel(ref: string): string {
  const slash = ref.lastIndexOf("/");
  return (slash >= 0 ? ref.slice(slash + 1) : ref).toLowerCase();
}

/** The list price of a model: the longest table entry its id starts with, for its provider if known. */
export function priceFor(
  tables: readonly PriceTable[],
  ref: string,
  provider?: string | null,
): ModelPrice | null {
  const model = bareModel(ref);
  const prefix = ref.includes("/") ? ref.slice(0, ref.indexOf("/")) : null;
  let best: ModelPrice | null = null;
  for (const table of tables) {
    const wanted = provider ?? prefix;
    if (wanted && wanted !== table.provider && !wanted.startsWith(table.provider)) continue;
    for (const entry of table.models) {
      if (!model.startsWith(entry.model.toLowerCase())) continue;
      if (best && best.model.length >= entry.model.length) continue;
      best = {
        provider: table.provider,
        model: entry.model,
        inputPerMTok: entry.inputPerMTok,
        asOf: table.asOf,
        source: table.source,
      };
    }
  }
  return best;
}
