import { createHash } from "node:crypto";

/**
 * What the filing flow remembers about one request (a thread and a fingerprint), so a retried or
 * double-clicked confirm never files twice. `pending` is written before the POST: if the process
 * dies or the response is lost, the next confirm looks for the marker before writing again.
 */
export type IssueLedgerRecord =
  | {
      state: "pending";
      action: "create" | "comment";
      /** The issue commented on (null when creating). */
      issueNumber: number | null;
      /** The HTML comment embedded in what we write, to find it again. */
      marker: string;
      at: string;
    }
  | {
      state: "done";
      action: "created" | "commented";
      issueNumber: number;
      url: string;
      at: string;
    }
  | { state: "failed"; reason: string; at: string };

/**
 * Where those records live. The CLI keeps them in memory; the bot's SQLite store implements the
 * same two calls (a table keyed by `key`, the record as JSON, INSERT OR REPLACE on put).
 */
export interface IssueLedger {
  get(key: string): Promise<IssueLedgerRecord | undefined>;
  put(key: string, record: IssueLedgerRecord): Promise<void>;
}

export class MemoryIssueLedger implements IssueLedger {
  private readonly records = new Map<string, IssueLedgerRecord>();

  async get(key: string): Promise<IssueLedgerRecord | undefined> {
    return this.records.get(key);
  }

  async put(key: string, record: IssueLedgerRecord): Promise<void> {
    this.records.set(key, record);
  }
}

/** One filing request: the same thread with the same fingerprint is the same issue. */
export function issueRequestKey(threadKey: string, fingerprintId: string): string {
  return `issue:${threadKey}:${fingerprintId}`;
}

/** The marker written into the issue or comment; a hash, so no thread id is published. */
export function requestMarker(key: string): string {
  const id = createHash("sha256").update(key).digest("hex").slice(0, 16);
  return `<!-- ratelimit-triage:request=${id} -->`;
}
