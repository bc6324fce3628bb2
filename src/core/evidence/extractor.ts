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
