/** Keys remembered; past this the memory starts over (every key is then counted afresh once). */
const MAX_KEYS = 10_000;

/** At most this long between two counts of a key, in the events' own time. */
const MAX_GAP_MS = 30_000;

/** A key is counted again once its hits grew by this share since the last count. */
const GROWTH = 1 / 20;

interface Counted {
  /** Rows the last count read. */
  rows: number;
  /** Hits seen since. */
  since: number;
  at: number;
}

/**
 * When to read a signature's stored hits again. Counting reporters reads every hit of the history
 * (21 days by default), and in an outage, when events come fastest, each event carries the same
 * signature: counted at every event, the cost of one event grows with the outage. Counted again
 * only once the hits grew by a twentieth (or 30 s passed), the reading costs a bounded number of
 * rows per event, and a cluster is seen at most a twentieth of its size (or 30 s) late. Small
 * clusters (under 20 hits), the ones deciding whether an incident opens, are counted every time.
 */
export class ClusterPacing {
  private readonly counted = new Map<string, Counted>();

  /** Whether the hits of `key` should be read for an event at `atMs`. */
  due(key: string, atMs: number): boolean {
    const last = this.counted.get(key);
    if (!last) return true;
    last.since++;
    return last.since >= Math.ceil(last.rows * GROWTH) || Math.abs(atMs - last.at) >= MAX_GAP_MS;
  }

  /** The hits of `key` were read: `rows` of them. */
  countedAt(key: string, atMs: number, rows: number): void {
    if (this.counted.size >= MAX_KEYS && !this.counted.has(key)) this.counted.clear();
    this.counted.set(key, { rows, since: 0, at: atMs });
  }
}
