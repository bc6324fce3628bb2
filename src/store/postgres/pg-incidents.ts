import type pg from "pg";
import type { IncidentRecord, IncidentStore, SignatureHit } from "../incidents.js";
import { hitFromRow, incidentFromRow, type Row } from "../sqlite/sqlite-incidents.js";
import { named } from "./named.js";

/**
 * Incidents on PostgreSQL (migration 3), as on SQLite: one open incident per signature is the
 * partial unique index `incidents_open`, so of two replicas opening it at once one inserts and the
 * other's `ON CONFLICT DO NOTHING` changes nothing and reads the winner's row.
 */
export class PgIncidentStore implements IncidentStore {
  constructor(private readonly pool: pg.Pool) {}

  private async query(sql: string, params: Record<string, unknown>) {
    return this.pool.query(named(sql, params));
  }

  private async rows(sql: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return (await this.query(sql, params)).rows as Row[];
  }

  private async changed(sql: string, params: Record<string, unknown>): Promise<boolean> {
    return ((await this.query(sql, params)).rowCount ?? 0) > 0;
  }

  async recordHit(hit: SignatureHit): Promise<boolean> {
    return this.changed(
      `INSERT INTO signature_hits (signature_key, thread_key, reporter_key, at)
       VALUES (@signatureKey, @threadKey, @reporterKey, @at) ON CONFLICT DO NOTHING`,
      { ...hit },
    );
  }

  async hitsFor(signatureKey: string, since: string): Promise<SignatureHit[]> {
    const rows = await this.rows(
      "SELECT * FROM signature_hits WHERE signature_key = @signatureKey AND at >= @since ORDER BY at, rid",
      { signatureKey, since },
    );
    return rows.map(hitFromRow);
  }

  async signaturesOf(threadKey: string): Promise<string[]> {
    const rows = await this.rows(
      "SELECT signature_key FROM signature_hits WHERE thread_key = @threadKey ORDER BY rid",
      { threadKey },
    );
    return rows.map((r) => String(r.signature_key));
  }

  async active(): Promise<IncidentRecord[]> {
    const rows = await this.rows(
      "SELECT * FROM incidents WHERE closed_at IS NULL ORDER BY opened_at",
    );
    return rows.map(incidentFromRow);
  }

  async activeFor(signatureKey: string): Promise<IncidentRecord | null> {
    const [row] = await this.rows(
      "SELECT * FROM incidents WHERE signature_key = @signatureKey AND closed_at IS NULL",
      { signatureKey },
    );
    return row ? incidentFromRow(row) : null;
  }

  async open(
    incident: Omit<IncidentRecord, "closedAt" | "tracker">,
  ): Promise<{ incident: IncidentRecord; opened: boolean }> {
    const opened = await this.changed(
      `INSERT INTO incidents (id, signature_key, signature, opened_at, first_seen_at, last_hit_at, reporters, explanation)
       VALUES (@id, @signatureKey, @signature, @openedAt, @firstSeenAt, @lastHitAt, @reporters, @explanation)
       ON CONFLICT DO NOTHING`,
      { ...incident, signature: JSON.stringify(incident.signature) },
    );
    const current = await this.activeFor(incident.signatureKey);
    if (!current) throw new Error(`incident for ${incident.signatureKey} vanished`);
    return { incident: current, opened };
  }

  async touch(id: string, lastHitAt: string, reporters: number, explanation: string) {
    await this.query(
      `UPDATE incidents SET last_hit_at = greatest(last_hit_at, @lastHitAt),
         reporters = greatest(reporters, @reporters), explanation = @explanation WHERE id = @id`,
      { id, lastHitAt, reporters, explanation },
    );
  }

  async addThread(id: string, threadKey: string, at: string): Promise<boolean> {
    return this.changed(
      `INSERT INTO incident_threads (incident_id, thread_key, joined_at) VALUES (@id, @threadKey, @at)
       ON CONFLICT DO NOTHING`,
      { id, threadKey, at },
    );
  }

  async threadsOf(id: string): Promise<string[]> {
    const rows = await this.rows(
      "SELECT thread_key FROM incident_threads WHERE incident_id = @id ORDER BY joined_at, rid",
      { id },
    );
    return rows.map((r) => String(r.thread_key));
  }

  async close(id: string, at: string): Promise<boolean> {
    return this.changed(
      "UPDATE incidents SET closed_at = @at WHERE id = @id AND closed_at IS NULL",
      { id, at },
    );
  }

  async setTracker(id: string, tracker: { number: number; url: string }): Promise<void> {
    await this.query("UPDATE incidents SET tracker = @tracker WHERE id = @id", {
      id,
      tracker: JSON.stringify(tracker),
    });
  }

  async recent(limit: number): Promise<IncidentRecord[]> {
    const rows = await this.rows(
      "SELECT * FROM incidents ORDER BY closed_at IS NOT NULL, coalesce(closed_at, opened_at) DESC LIMIT @limit",
      { limit },
    );
    return rows.map(incidentFromRow);
  }
}
