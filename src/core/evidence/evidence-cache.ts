import { hash } from "node:crypto";
import type { RedactedText, Redaction } from "../redact/types.js";
import type { EvidenceAt } from "./extractor.js";
import type { Evidence } from "./types.js";

/**
 * One extractor's share of a message's evidence: fixed when reading never looked at the time,
 * else still to be set against each analysis's time (a wait read as "retry in 20 s").
 */
export type EvidencePart = { fixed: readonly Evidence[] } | { at: EvidenceAt };

/**
 * What reading one message (or attachment) yields, all of it from that text alone: the evidence
 * in extractor order, waiting only for the analysis time where a part needs it.
 */
export interface Reading {
  parts: readonly EvidencePart[];
  redactions: Redaction[];
  text: RedactedText;
}

/** A reading's evidence at one analysis time, in the order the extractors gave it. */
export function evidenceAt(reading: Reading, now: Date): Evidence[] {
  const out: Evidence[] = [];
  for (const part of reading.parts) out.push(...("fixed" in part ? part.fixed : part.at(now)));
  return out;
}

/** Entries kept; a busy community's active threads fit, and memory stays bounded. */
const DEFAULT_MAX_ENTRIES = 20_000;

/**
 * Readings per message, so a new message in a thread reads only itself and the earlier ones come
 * from here, whatever the time of the new analysis: a reading holds the time-dependent parts as
 * functions of the time, so a hit set against `now` is exactly what reading again would give.
 * The key is the text's digest and where it sits. Values are kept, never mutated.
 */
export class EvidenceCache {
  private readonly entries = new Map<string, Reading>();
  /** Texts read (misses), for tests and benches: a hit costs no reading. */
  misses = 0;

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  /** Returns the cached reading, or reads and remembers it. */
  read(raw: string, where: string, fresh: () => Reading): Reading {
    // One-shot digest: every message of the thread is keyed on every event, so no Hash objects.
    const key = `${where}\u0000${hash("sha1", raw, "base64")}`;
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last, so the oldest entry is the one evicted.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    this.misses++;
    const reading = fresh();
    this.entries.set(key, reading);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return reading;
  }

  get size(): number {
    return this.entries.size;
  }
}
