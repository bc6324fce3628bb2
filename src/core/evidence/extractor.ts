import type { Knowledge } from "../../knowledge/knowledge.js";
import type { Evidence, EvidenceSource } from "./types.js";

/** What an extractor is given: one message's (or attachment's) redacted text and where it came from. */
export interface ExtractContext {
  source: EvidenceSource;
  kb: Knowledge;
  /** Analysis time, for computing reset times; never read from a clock inside core. */
  now: Date;
}

/**
 * Turns text into evidence. Extractors never throw: what they cannot read becomes
 * `unreadable` evidence with the reason, and an empty array means "nothing of mine here".
 */
export type Extractor = (text: string, ctx: ExtractContext) => Evidence[];

/** What reading a text needs when the analysis time is left for later. */
export type TimelessContext = Omit<ExtractContext, "now">;

/** Evidence read from a text, still to be set against an analysis time. */
export type EvidenceAt = (now: Date) => Evidence[];

/** A reading that found nothing, at any time. */
export const NOTHING_AT_ANY_TIME: EvidenceAt = () => [];

/**
 * An extractor whose evidence depends on the time only through a last, cheap step (a wait read
 * as "retry in 20 s" becomes a reset time): `read` searches the text once, and what it returns
 * is applied to each analysis's time, so a cached message is never searched again. Called as a
 * plain extractor it does both at once.
 */
export interface StagedExtractor extends Extractor {
  read: (text: string, ctx: TimelessContext) => EvidenceAt;
}

export function staged(read: StagedExtractor["read"]): StagedExtractor {
  const extract: Extractor = (text, ctx) => read(text, ctx)(ctx.now);
  return Object.assign(extract, { read });
}
