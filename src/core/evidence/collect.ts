import type { Knowledge } from "../../knowledge/knowledge.js";
import { redact } from "../redact/redact.js";
import type { RedactedText, Redaction } from "../redact/types.js";
import type { Thread } from "../thread.js";
import { claimExtractor } from "./claim-evidence.js";
import { condenseForProse } from "./condense.js";
import {
  type EvidenceCache,
  type EvidencePart,
  evidenceAt,
  type Reading,
} from "./evidence-cache.js";
import { experimentExtractor } from "./experiment-evidence.js";
import type {
  EvidenceAt,
  ExtractContext,
  Extractor,
  StagedExtractor,
  TimelessContext,
} from "./extractor.js";
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

/** What a parser bug costs: one piece of evidence, never the whole reply. */
function failed(source: EvidenceSource, error: unknown): Evidence[] {
  return [
    {
      kind: "unreadable",
      source,
      reason: `a parser failed on this part: ${(error as Error).message}`,
    },
  ];
}

/** An evidence function that turns a thrown parser bug into `unreadable` evidence. */
function guarded(at: EvidenceAt, source: EvidenceSource): EvidenceAt {
  return (now) => {
    try {
      return at(now);
    } catch (error) {
      return failed(source, error);
    }
  };
}

/**
 * A plain extractor that looked at the time: its text is read again for another time, and the
 * last time's evidence is kept, since an event analyses the thread and the thread before it at
 * one time.
 */
function readAgainAt(
  extract: Extractor,
  input: string,
  ctx: TimelessContext,
  first: { time: number; evidence: Evidence[] },
): EvidenceAt {
  let last = first;
  return (now) => {
    if (now.getTime() !== last.time) {
      let evidence: Evidence[];
      try {
        evidence = extract(input, { ...ctx, now });
      } catch (error) {
        evidence = failed(ctx.source, error);
      }
      last = { time: now.getTime(), evidence };
    }
    return last.evidence;
  };
}

/** One extractor's part of a text's evidence: fixed unless it depends on the time. */
function readPart(
  extract: Extractor | StagedExtractor,
  input: string,
  ctx: TimelessContext,
  now: Date,
): EvidencePart {
  if ("read" in extract) {
    try {
      return { at: guarded(extract.read(input, ctx), ctx.source) };
    } catch (error) {
      return { fixed: failed(ctx.source, error) };
    }
  }
  let usedNow = false;
  const timed: ExtractContext = {
    ...ctx,
    get now() {
      usedNow = true;
      return now;
    },
  };
  let evidence: Evidence[];
  try {
    evidence = extract(input, timed);
  } catch (error) {
    evidence = failed(ctx.source, error);
  }
  return usedNow
    ? { at: readAgainAt(extract, input, ctx, { time: now.getTime(), evidence }) }
    : { fixed: evidence };
}

/**
 * Reads one message or attachment, once: the costly searching happens here, and what depends on
 * the time is left as a function of it (`now` is only the time a plain extractor may look at).
 */
function readOne(
  raw: string,
  source: EvidenceSource,
  kb: Knowledge,
  now: Date,
  extractors: readonly Extractor[],
): Reading {
  const parts: EvidencePart[] = [];
  const readable = readableText(raw);
  if (readable.problem)
    parts.push({
      fixed: [
        { kind: "unreadable", source, reason: readable.problem, bytes: readable.skippedChars },
      ],
    });
  const redacted = redact(readable.text, kb.secretRules);
  // The whole text for structured readers; a condensed view for the prose extractors.
  const condensed = unboxPanels(condenseForProse(redacted.text));
  const ctx: TimelessContext = { source, kb };
  for (const extract of extractors) {
    const input = FULL_TEXT.has(extract) ? redacted.text : condensed;
    parts.push(readPart(extract, input, ctx, now));
  }
  return { parts, redactions: redacted.redactions, text: redacted.text };
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
        ? cache.read(raw, `${source.message}\u0000${source.attachment ?? ""}`, () =>
            readOne(raw, source, kb, now, extractors),
          )
        : readOne(raw, source, kb, now, extractors);
    evidence.push(...evidenceAt(result, now));
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
