import { createTraceSummarizer } from "../../trace/summarizer.js";
import type { Extractor } from "../extractor.js";
import { findJsonObjects } from "./lenient-json.js";
import { traceSummaryEvidence } from "./trace-evidence.js";

/** A trace line as pasted: maybe quoted ("> "), indented, or glued to a fence ("```{…"). */
const CANDIDATE = /"stage"\s*:\s*"|^\{"runId"\s*:/u;
const PREFIX = /^(?:\s*>)*\s*(?:`{3}[\w-]*)?\s*/u;

/**
 * Cache-trace lines pasted into a message, among prose and fences. Each line goes through the same
 * summariser as a file (strict: a paste is small, so every line is parsed and a line cut by the
 * chat's length limit is counted, not misread). Pretty-printed events are read too.
 */
export const openclawCacheTraceExtractor: Extractor = (text, ctx) => {
  if (!text.includes('"stage"')) return [];
  const summarizer = createTraceSummarizer({ strict: true });
  const lineNumbers: number[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    if (!CANDIDATE.test(raw)) continue;
    const line = raw.replace(PREFIX, "").replace(/\s*`{3}\s*$/u, "");
    if (!line.startsWith("{")) continue;
    summarizer.push(line);
    lineNumbers.push(i + 1);
  }
  let summary = summarizer.summary();
  if (summary.events === 0) {
    // No JSONL: perhaps events pretty-printed over several lines.
    const pretty = createTraceSummarizer({ strict: true });
    const starts: number[] = [];
    for (const doc of findJsonObjects(text, ["runId", "sessionId", "ts"])) {
      if (!doc.complete || typeof doc.value.stage !== "string") continue;
      pretty.push(JSON.stringify(doc.value));
      starts.push(text.slice(0, doc.start).split("\n").length);
    }
    const prettySummary = pretty.summary();
    if (prettySummary.events > 0) {
      summary = prettySummary;
      lineNumbers.splice(0, lineNumbers.length, ...starts);
    }
  }
  if (summary.lines === 0) return [];
  return traceSummaryEvidence(summary, ctx, (n) => lineNumbers[n - 1]);
};
