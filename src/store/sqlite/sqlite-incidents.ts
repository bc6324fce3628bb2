import type { Database } from "better-sqlite3";
import type { IncidentRecord, IncidentStore, SignatureHit } from "../incidents.js";
import { StatementCache } from "./statements.js";

export type Row = Record<string, unknown>;

export function incidentFromRow(row: Row): IncidentRecord {
  return {
    id: String(row.id),
    signatureKey: String(row.signature_key),
    signature: JSON.parse(String(row.signature)),
    openedAt: String(row.opened_at),
    firstSeenAt: String(row.first_seen_at),
    lastHitAt: String(row.last_hit_at),
    closedAt: row.closed_at === null ? null : String(row.closed_at),
    reporters: Number(row.reporters),
    explanation: String(row.explanation),
    tracker: row.tracker === null ? null : JSON.parse(String(row.tracker)),
  };
}

export function hitFromRow(row: Row): SignatureHit {
  return {
    signatureKey: String(row.signature_key),
    threadKey: String(row.thread_key),
    reporterKey: String(row.reporter_key),
    at: String(row.at),
  };
}

/**
 * Incidents on SQLite (migration 5). One open incident per signature is a unique index, not a
 * check in code, so two processes on one file cannot both open it.
 */
export class SqliteIncidentStore implements IncidentStore {
  private readonly statements: StatementCache;

  /** `statements`: the store's cache, so these are prepared once per connection like the rest. */
  constructor(db: Database, statements?: StatementCache) {
    this.statements = statements ?? new StatementCache(db);
  }

  private sql(text: string) {
    return this.statements.get(text);
  }

  async recordHit(hit: SignatureHit): Promise<boolean> {
    const result = this.sql(
      "INSERT OR IGNORE INTO signature_hits (signature_key, thread_key, reporter_key, at) VALUES (?, ?, ?, ?)",
    ).run(hit.signatureKey, hit.threadKey, hit.reporterKey, hit.at);
    return result.changes > 0;
  }

  async hitsFor(signatureKey: string, since: string): Promise<SignatureHit[]> {
    const rows = this.sql(
      "SELECT * FROM signature_hits WHERE signature_key = ? AND at >= ? ORDER BY at, rowid",
    ).all(signatureKey, since) as Row[];
    return rows.map(hitFromRow);
  }

  async signaturesOf(threadKey: string): Promise<string[]> {
    const rows = this.sql("SELECT signature_key FROM signature_hits WHERE thread_key = ?").all(
      threadKey,
    ) as Row[];
    return rows.map((r) => String(r.signature_key));
  }

  async active(): Promise<IncidentRecord[]> {
    const rows = this.sql(
      "SELECT * FROM incidents WHERE closed_at IS NULL ORDER BY opened_at",
    ).all() as Row[];
    return rows.map(incidentFromRow);
  }

  async activeFor(signatureKey: string): Promise<IncidentRecord | null> {
    const row = this.sql(
      "SELECT * FROM incidents WHERE signature_key = ? AND closed_at IS NULL",
    ).get(signatureKey) as Row | undefined;
    return row ? incidentFromRow(row) : null;
  }

  async open(
    incident: Omit<IncidentRecord, "closedAt" | "tracker">,
  ): Promise<{ incident: IncidentRecord; opened: boolean }> {
    const result = this.sql(
      `INSERT OR IGNORE INTO incidents (id, signature_key, signature, opened_at, first_seen_at, last_hit_at, reporters, explanation)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      incident.id,
      incident.signatureKey,
      JSON.stringify(incident.signature),
      incident.openedAt,
      incident.firstSeenAt,
      incident.lastHitAt,
      incident.reporters,
      incident.explanation,
    );
    const current = await this.activeFor(incident.signatureKey);
    if (!current) throw new Error(`incident for ${incident.signatureKey} vanished`);
    return { incident: current, opened: result.changes > 0 };
  }

  async touch(id: string, lastHitAt: string, reporters: number, explanation: string) {
    this.sql(
      "UPDATE incidents SET last_hit_at = max(last_hit_at, ?), reporters = max(reporters, ?), explanation = ? WHERE id = ?",
    ).run(lastHitAt, reporters, explanation, id);
  }

  async addThread(id: string, threadKey: string, at: string): Promise<boolean> {
    const result = this.sql(
      "INSERT OR IGNORE INTO incident_threads (incident_id, thread_key, joined_at) VALUES (?, ?, ?)",
    ).run(id, threadKey, at);
    return result.changes > 0;
  }

  async threadsOf(id: string): Promise<string[]> {
    const rows = this.sql(
      "SELECT thread_key FROM incident_threads WHERE incident_id = ? ORDER BY joined_at, rowid",
    ).all(id) as Row[];
    return rows.map((r) => String(r.thread_key));
  }

  async close(id: string, at: string): Promise<boolean> {
    const result = this.sql(
      "UPDATE incidents SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
    ).run(at, id);
    return result.changes > 0;
  }

  async setTracker(id: string, tracker: { number: number; url: string }): Promise<void> {
    this.sql("UPDATE incidents SET tracker = ? WHERE id = ?").run(JSON.stringify(tracker), id);
  }

  async recent(limit: number): Promise<IncidentRecord[]> {
    const rows = this.sql(
      "SELECT * FROM incidents ORDER BY closed_at IS NOT NULL, coalesce(closed_at, opened_at) DESC LIMIT ?",
    ).all(limit) as Row[];
    return rows.map(incidentFromRow);
  }
}
