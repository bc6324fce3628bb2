import { createHash } from "node:crypto";
import type { RedactedText, Redaction } from "../redact/types.js";
import type { Evidence } from "./types.js";

/** What reading one message (or attachment) yields: all of it depends on that text alone. */
export interface ReadResult {
  evidence: Evidence[];
  redactions: Redaction[];
  text: RedactedText;
}

/** Entries kept; a busy community's active threads fit, and memory stays bounded. */
const DEFAULT_MAX_ENTRIES = 20_000;

/**
 * Evidence per message, so a new message in a thread reads only itself and the earlier ones come
 * from here. The key is the text's digest and where it sits; a result that read the analysis
 * time (a reset computed from "now") is also keyed by that time, so a hit is always exactly what
 * reading again would give. Values are kept, never mutated: callers copy the arrays they extend.
 */
export class EvidenceCache {
  private readonly entries = new Map<string, ReadResult>();
  /** Keys whose reading depended on the time: their entries carry the time in the key. */
  private readonly timeDependent = new Set<string>();

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  /** Returns the cached result, or reads and remembers it. `read` reports whether it used `now`. */
  read(
    raw: string,
    where: string,
    now: Date,
    fresh: () => { result: ReadResult; usedNow: boolean },
  ): ReadResult {
    const base = `${where}\u0000${createHash("sha1").update(raw).digest("base64")}`;
    const key = this.timeDependent.has(base) ? `${base}\u0000${now.getTime()}` : base;
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last, so the oldest entry is the one evicted.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const { result, usedNow } = fresh();
    if (usedNow) this.timeDependent.add(base);
    this.entries.set(usedNow ? `${base}\u0000${now.getTime()}` : base, result);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    if (this.timeDependent.size > this.maxEntries) this.timeDependent.clear();
    return result;
  }

  get size(): number {
    return this.entries.size;
  }
}
