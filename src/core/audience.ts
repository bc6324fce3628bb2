import type { Knowledge } from "../knowledge/knowledge.js";
import type { Audience } from "../knowledge/schema.js";
import type { FactSheet } from "./facts.js";

/**
 * Who the reader is, for advice they can apply: "unknown" when the thread shows neither a tool
 * nor code (then only advice any reader can follow, phrased for a product's settings).
 */
export type Reader = Exclude<Audience, "any"> | "unknown";

/** Tool first (an OpenClaw user who pastes a curl is still an OpenClaw user), then signs of code. */
export function readerOf(facts: FactSheet, kb: Knowledge): Reader {
  const tool =
    facts.tool && facts.tool.confidence >= 0.5
      ? kb.tools.find((t) => t.id === facts.tool?.id)
      : undefined;
  if (tool) return tool.audience;
  if (facts.signals.some((s) => s.id === "writes_code")) return "api-code";
  return "unknown";
}

/** Whether a mitigation for these audiences fits this reader. */
export function fitsReader(audience: readonly Audience[], reader: Reader): boolean {
  if (audience.includes("any")) return true;
  // Someone with no visible tool or code acts through some product's settings or a console.
  return audience.includes(reader === "unknown" ? "product" : reader);
}
