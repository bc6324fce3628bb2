import type { TierTable } from "../../knowledge/schema.js";
import type { FactSheet } from "../facts.js";
import type { TimelineLimits } from "./types.js";

const NONE: TimelineLimits = { tier: null, rpm: null, tpm: null };

function bareModel(ref: string | null): string | null {
  if (ref === null) return null;
  return ref.slice(ref.lastIndexOf("/") + 1).toLowerCase();
}

/**
 * The per-minute lines to draw: the numbers the thread states for its tier, else the tier table's
 * row for the provider, model and tier named. Nothing when the tier is not known: a guessed line
 * would look like a fact.
 */
export function timelineLimits(facts: FactSheet, tiers: readonly TierTable[]): TimelineLimits {
  const stated = facts.tier;
  if (stated === null) return NONE;
  const rpm = stated.limits.rpm ?? null;
  const tpm = stated.limits.tpm ?? stated.limits.itpm ?? null;
  if (rpm !== null || tpm !== null) return { tier: stated.tier, rpm, tpm };
  const model = bareModel(facts.model);
  const tierName = stated.tier.toLowerCase();
  for (const table of tiers) {
    if (table.provider !== facts.provider) continue;
    const row = table.tiers.find(
      (t) =>
        t.tier.toLowerCase() === tierName &&
        t.model !== undefined &&
        model?.startsWith(t.model.toLowerCase()),
    );
    if (row) return { tier: row.tier, rpm: row.rpm ?? null, tpm: row.tpm ?? row.itpm ?? null };
  }
  return { ...NONE, tier: stated.tier };
}
