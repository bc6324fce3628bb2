import type { Extractor } from "../extractor.js";
import { openclawCacheTraceExtractor } from "./cache-trace.js";
import { openclawChatStatusExtractor } from "./chat-status.js";
import { openclawConfigExtractor } from "./config.js";
import { openclawContextDetailExtractor } from "./context-detail.js";
import { openclawLogsExtractor } from "./logs.js";
import { openclawModelsStatusJsonExtractor } from "./models-status-json.js";
import { openclawModelsStatusPlainExtractor } from "./models-status-plain.js";
import { openclawProseSignalsExtractor } from "./prose-signals.js";
import { openclawRewritesExtractor } from "./rewrites.js";
import { openclawMentionExtractor } from "./tool-mention.js";
import { openclawVersionExtractor } from "./version.js";

export { OPENCLAW_SIGNALS, type OpenclawSignalId } from "./signals.js";
export { traceSummaryEvidence } from "./trace-evidence.js";

/** Extractors must not throw; a bug in one becomes an `unreadable` note instead of a failed triage. */
function guarded(name: string, extractor: Extractor): Extractor {
  return (text, ctx) => {
    try {
      return extractor(text, ctx);
    } catch (error) {
      return [
        {
          kind: "unreadable",
          source: ctx.source,
          reason: `OpenClaw ${name} could not be read (${(error as Error).message})`,
        },
      ];
    }
  };
}

/** Every OpenClaw format, each found anywhere in a message (prose, fences, cut pastes). */
export const openclawExtractors: Extractor[] = [
  guarded("version", openclawVersionExtractor),
  guarded("mention", openclawMentionExtractor),
  guarded("error copy", openclawRewritesExtractor),
  guarded("models status --json", openclawModelsStatusJsonExtractor),
  guarded("models status", openclawModelsStatusPlainExtractor),
  guarded("cache trace", openclawCacheTraceExtractor),
  guarded("logs", openclawLogsExtractor),
  guarded("/status", openclawChatStatusExtractor),
  guarded("/context detail", openclawContextDetailExtractor),
  guarded("config", openclawConfigExtractor),
  guarded("prose", openclawProseSignalsExtractor),
];
