/**
 * The outbox contract in memory, for the conversation test double: what the double returns is
 * queued like the real engine's committed actions, so the adapters' one delivery path (the
 * drainer) serves the double too.
 */
import type { Action } from "../../src/conversation/port.js";
import type { DeadLetter, OutboxEntry, OutboxStore } from "../../src/store/outbox.js";

interface Row extends OutboxEntry {
  status: "pending" | "sent" | "dead" | "superseded";
  platformId: string | null;
  error: string | null;
  settledAt: string | null;
}

export class MemoryOutbox implements OutboxStore {
  private readonly rows: Row[] = [];
  private next = 0;

  constructor(private readonly onDelivered: (action: Action, platformId: string) => void) {}

  /** Gives each action an id and queues the ones the outbox sends; returns them with ids. */
  add(actions: readonly Action[], inline: (a: Action) => boolean = () => false): Action[] {
    return actions.map((a) => {
      const action = { ...a, id: `memory#${this.next++}` } as Action;
      if (action.type !== "ephemeral" && !inline(action))
        this.rows.push({
          id: action.id as string,
          threadKey: action.type === "handoff_card" ? action.card.threadKey : action.threadKey,
          action,
          attempts: 0,
          nextAttemptAt: null,
          lastError: null,
          inDoubt: false,
          supersededBy: null,
          createdAt: new Date().toISOString(),
          status: "pending",
          platformId: null,
          error: null,
          settledAt: null,
        });
      return action;
    });
  }

  private row(id: string): Row | undefined {
    return this.rows.find((r) => r.id === id);
  }

  async pending(prefix: string, limit: number): Promise<OutboxEntry[]> {
    return this.rows
      .filter((r) => r.status === "pending" && r.threadKey.startsWith(prefix))
      .slice(0, limit)
      .map((r) => ({ ...r }));
  }

  async begin(id: string): Promise<void> {
    const row = this.row(id);
    if (row) row.attempts += 1;
  }

  async delivered(id: string, platformMessageId: string | null): Promise<void> {
    const row = this.row(id);
    if (!row) return;
    row.status = "sent";
    row.platformId = platformMessageId;
    if (platformMessageId) this.onDelivered(row.action, platformMessageId);
  }

  async retryLater(id: string, error: string, notBefore: Date): Promise<void> {
    const row = this.row(id);
    if (!row) return;
    row.nextAttemptAt = notBefore.toISOString();
    row.lastError = error;
  }

  async dead(id: string, error: string, at: Date): Promise<void> {
    const row = this.row(id);
    if (!row) return;
    row.status = "dead";
    row.error = error;
    row.settledAt = at.toISOString();
  }

  async superseded(id: string): Promise<void> {
    const row = this.row(id);
    if (row) row.status = "superseded";
  }

  async lastDeliveredReply(threadKey: string): Promise<string | null> {
    const sent = this.rows.filter(
      (r) => r.threadKey === threadKey && r.action.type === "reply" && r.platformId !== null,
    );
    return sent.at(-1)?.platformId ?? null;
  }

  async deadLetters(threadKey?: string): Promise<DeadLetter[]> {
    return this.rows
      .filter((r) => r.status === "dead" && (threadKey === undefined || r.threadKey === threadKey))
      .map((r) => ({
        id: r.id,
        threadKey: r.threadKey,
        type: r.action.type,
        attempts: r.attempts,
        error: r.error ?? "",
        createdAt: r.createdAt,
        deadAt: r.settledAt ?? r.createdAt,
      }));
  }
}
