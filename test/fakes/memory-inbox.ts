import type { InboxEntry, InboxStore, NewInboxEntry } from "../../src/store/inbox.js";

interface Row extends InboxEntry {
  nextAttemptAt: number;
  claimed: boolean;
}

/** The inbox of the in-memory test conversation: the SQLite inbox's rules, in a list. */
export class MemoryInbox implements InboxStore {
  private rows: Row[] = [];

  async record(entry: NewInboxEntry): Promise<boolean> {
    if (this.rows.some((r) => r.id === entry.id)) return false;
    this.rows.push({
      id: entry.id,
      threadKey: entry.threadKey,
      payload: entry.payload,
      receivedAt: entry.receivedAt.toISOString(),
      attempts: 0,
      lastError: null,
      nextAttemptAt: 0,
      claimed: false,
    });
    return true;
  }

  async holdsThread(threadKey: string): Promise<boolean> {
    return this.rows.some((r) => r.threadKey === threadKey);
  }

  async take(prefix: string, limit: number, now: Date): Promise<InboxEntry[]> {
    const t = now.getTime();
    const waiting = new Set(this.rows.filter((r) => r.nextAttemptAt > t).map((r) => r.threadKey));
    const taken = this.rows
      .filter((r) => !r.claimed && r.threadKey.startsWith(prefix) && !waiting.has(r.threadKey))
      .slice(0, limit);
    for (const r of taken) r.claimed = true;
    return taken.map(({ nextAttemptAt: _n, claimed: _c, ...entry }) => ({ ...entry }));
  }

  async done(ids: readonly string[]): Promise<void> {
    const gone = new Set(ids);
    this.rows = this.rows.filter((r) => !gone.has(r.id));
  }

  async retryLater(id: string, error: string, notBefore: Date): Promise<void> {
    const row = this.rows.find((r) => r.id === id);
    if (!row) return;
    row.attempts += 1;
    row.lastError = error;
    row.nextAttemptAt = notBefore.getTime();
    row.claimed = false;
  }

  async backlog(prefix: string): Promise<number> {
    return this.rows.filter((r) => r.threadKey.startsWith(prefix)).length;
  }
}
