import type { Knowledge } from "../../knowledge/knowledge.js";
import { redact } from "../redact/redact.js";
import type { RedactedText, Redaction } from "../redact/types.js";
import type { Thread } from "../thread.js";
import { claimExtractor } from "./claim-evidence.js";
import { condenseForProse } from "./condense.js";
import type { EvidenceCache, ReadResult } from "./evidence-cache.js";
import { experimentExtractor } from "./experiment-evidence.js";
import type { ExtractContext, Extractor } from "./extractor.js";
import { httpHeadersExtractor } from "./http-headers-evidence.js";
import { readableText } from "./input-limits.js";
import { modelExtractor } from "./model-evidence.js";
import { numbersExtractor } from "./numbers-evidence.js";
import { openclawExtractors } from "./openclaw/index.js";
import { providerErrorExtractor } from "./provider-errors.js";
import { signalExtractor } from "./signal-evidence.js";
import { toolExtractor } from "./tool-evidence.js";
import type { Evidence, EvidenceSource } from "./types.js";
import { unboxPanels } from "./unbox.js";
import { waitTextExtractor } from "./wait-text-evidence.js";

/** Prose extractors: they read a condensed view of a large paste (see condense.ts). */
export const PROSE_EXTRACTORS: readonly Extractor[] = [
  providerErrorExtractor,
  toolExtractor,
  modelExtractor,
  numbersExtractor,
  experimentExtractor,
  signalExtractor,
  claimExtractor,
  waitTextExtractor,
  httpHeadersExtractor,
];

/** Structured readers (traces, JSON outputs) need every line, so they get the whole text. */
const FULL_TEXT = new WeakSet<Extractor>(openclawExtractors);

/** The extractors every message and attachment goes through, in order. */
export const CORE_EXTRACTORS: readonly Extractor[] = [...PROSE_EXTRACTORS, ...openclawExtractors];

export interface CollectedEvidence {
  evidence: Evidence[];
  redactions: Redaction[];
  /** Each message's text after redaction, as the engine read it. */
  texts: Array<{ source: EvidenceSource; text: RedactedText }>;
}

function runExtractors(
  extractors: readonly Extractor[],
  text: string,
  ctx: ExtractContext,
): Evidence[] {
  const out: Evidence[] = [];
  const condensed = unboxPanels(condenseForProse(text));
  for (const extract of extractors) {
    try {
      out.push(...extract(FULL_TEXT.has(extract) ? text : condensed, ctx));
    } catch (error) {
      // A parser bug must cost one piece of evidence, never the whole reply.
      out.push({
        kind: "unreadable",
        source: ctx.source,
        reason: `a parser failed on this part: ${(error as Error).message}`,
      });
    }
  }
  return out;
}

/** Reads one message or attachment; `usedNow` tells whether any extractor looked at the time. */
function readOne(
  raw: string,
  source: EvidenceSource,
  kb: Knowledge,
  now: Date,
  extractors: readonly Extractor[],
): { result: ReadResult; usedNow: boolean } {
  const evidence: Evidence[] = [];
  const readable = readableText(raw);
  if (readable.problem)
    evidence.push({
      kind: "unreadable",
      source,
      reason: readable.problem,
      bytes: readable.skippedChars,
    });
  const redacted = redact(readable.text, kb.secretRules);
  let usedNow = false;
  const ctx: ExtractContext = {
    source,
    kb,
    get now() {
      usedNow = true;
      return now;
    },
  };
  // The whole text: runExtractors condenses it for the prose extractors only.
  evidence.push(...runExtractors(extractors, redacted.text, ctx));
  return { result: { evidence, redactions: redacted.redactions, text: redacted.text }, usedNow };
}

/**
 * Finds every piece of evidence in a thread. Text is capped and redacted before any extractor
 * sees it, so evidence, excerpts and reports only ever hold redacted text.
 */
export function collectEvidence(
  thread: Thread,
  kb: Knowledge,
  now: Date,
  extractors: readonly Extractor[] = CORE_EXTRACTORS,
  cache?: EvidenceCache,
): CollectedEvidence {
  const evidence: Evidence[] = [];
  const redactions: Redaction[] = [];
  const texts: CollectedEvidence["texts"] = [];
  const read = (raw: string, source: EvidenceSource) => {
    // The cache is only for the standard extractors: another set reads differently.
    const result =
      cache && extractors === CORE_EXTRACTORS
        ? cache.read(raw, `${source.message}\u0000${source.attachment ?? ""}`, now, () =>
            readOne(raw, source, kb, now, extractors),
          )
        : readOne(raw, source, kb, now, extractors).result;
    evidence.push(...result.evidence);
    redactions.push(...result.redactions);
    texts.push({ source, text: result.text });
  };
  thread.messages.forEach((message, index) => {
    if (message.role === "bot") return;
    const title = index === 0 && thread.title ? `${thread.title}\n\n` : "";
    read(title + message.content, { message: index });
    for (const attachment of message.attachments ?? []) {
      const source = { message: index, attachment: attachment.name };
      if (attachment.note) evidence.push({ kind: "unreadable", source, reason: attachment.note });
      read(attachment.content, source);
    }
  });
  return { evidence, redactions, texts };
}
