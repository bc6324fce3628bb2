import { hash } from "node:crypto";
import type { RedactedText, Redaction } from "../redact/types.js";
import type { TimelineEvent } from "../timeline/types.js";
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

/** One-shot digest: every message of a thread is keyed on every event, so no Hash objects. */
function digest(text: string): string {
  return hash("sha1", text, "base64");
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
  /** The timeline events each text carries, by its digest alone (they do not depend on where). */
  private readonly textEvents = new Map<string, readonly TimelineEvent[]>();
  /** Texts read (misses), for tests and benches: a hit costs no reading. */
  misses = 0;

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  /** Returns the cached reading, or reads and remembers it. */
  read(raw: string, where: string, fresh: () => Reading): Reading {
    return this.remembered(this.entries, `${where}\u0000${digest(raw)}`, () => {
      this.misses++;
      return fresh();
    });
  }

  /** The timeline events of a text, read once (see threadTimeline). */
  events(text: string, read: () => readonly TimelineEvent[]): readonly TimelineEvent[] {
    return this.remembered(this.textEvents, digest(text), read);
  }

  private remembered<T>(entries: Map<string, T>, key: string, fresh: () => T): T {
    const hit = entries.get(key);
    if (hit !== undefined) {
      // Most recently used last, so the oldest entry is the one evicted.
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    }
    const value = fresh();
    entries.set(key, value);
    while (entries.size > this.maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
