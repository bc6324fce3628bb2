import type pg from "pg";
import type { DeadLetter, OutboxEntry, OutboxStore } from "../outbox.js";
import { deadLetterFromRow, outboxEntryFromRow } from "../outbox-rows.js";
import { named } from "./named.js";

type Row = Record<string, unknown>;

const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Any constant: claims are taken one replica at a time, so two never split one thread's rows. */
const CLAIM_LOCK = 7_215_002;

const LEASE = "clock_timestamp() + make_interval(secs => @lease::double precision / 1000)";

/** As on SQLite: what timers fired waits behind what people's events produced (replies first). */
const TIMERS_LAST = "left(a.event_id, 6) = 'timer:'";

/**
 * Claims pending rows for this replica: only of threads no other live replica holds a row of,
 * so a thread's actions keep their order whichever replica sends them. A held row is renewed.
 */
const CLAIM = `UPDATE actions SET claimed_by = @owner, claimed_until = ${LEASE}
  WHERE id IN (
    SELECT a.id FROM actions a
    WHERE a.status = 'pending' AND left(a.thread_key, length(@prefix)) = @prefix
      AND NOT EXISTS (SELECT 1 FROM actions o WHERE o.thread_key = a.thread_key AND o.status = 'pending'
        AND o.claimed_by <> @owner AND o.claimed_until > clock_timestamp())
    ORDER BY ${TIMERS_LAST}, a.rid LIMIT @limit FOR UPDATE SKIP LOCKED)`;

/** As on SQLite: a later outbox reply of the thread stands for an unsent earlier one. */
const LATER_REPLY = `SELECT b.id FROM actions b WHERE a.type = 'reply' AND b.type = 'reply'
  AND b.thread_key = a.thread_key AND b.rid > a.rid AND b.status <> 'inline' LIMIT 1`;

/**
 * The outbox on PostgreSQL: whichever replica drains first claims rows for a lease, sends them,
 * and settles them; a replica that died holding rows leaves them to the next one after the lease
 * (in doubt, so the platform is asked before sending again).
 */
export class PgOutbox implements OutboxStore {
  /** Drainers poll at this pace, so rows a dead replica held are picked up without new events. */
  readonly claimLeaseMs: number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly owner: string,
    leaseMs: number,
  ) {
    this.claimLeaseMs = leaseMs;
  }

  private run(sql: string, params: Record<string, unknown>) {
    return this.pool.query(named(sql, params));
  }

  async pending(prefix: string, limit: number): Promise<OutboxEntry[]> {
    const params = { owner: this.owner, lease: this.claimLeaseMs, prefix, limit };
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [CLAIM_LOCK]);
      await client.query(named(CLAIM, params));
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
    const { rows } = await this.run(
      `SELECT a.*, (${LATER_REPLY}) AS superseded_by FROM actions a
       WHERE a.status = 'pending' AND a.claimed_by = @owner AND left(a.thread_key, length(@prefix)) = @prefix
       ORDER BY ${TIMERS_LAST}, a.rid LIMIT @limit`,
      params,
    );
    return (rows as Row[]).map(outboxEntryFromRow);
  }

  async begin(id: string, at: Date): Promise<void> {
    const result = await this.run(
      `UPDATE actions SET attempts = attempts + 1, in_flight_since = @at, claimed_by = @owner,
         claimed_until = ${LEASE}
       WHERE id = @id AND status = 'pending'
         AND (claimed_by = @owner OR claimed_by IS NULL OR claimed_until < clock_timestamp())`,
      { at: at.toISOString(), id, owner: this.owner, lease: this.claimLeaseMs },
    );
    // Another replica took the row over (this one stalled past its lease): it sends it, not us.
    if (result.rowCount === 0) throw new Error(`outbox row ${id} is no longer claimed by us`);
  }

  async delivered(id: string, platformMessageId: string | null, at: Date): Promise<void> {
    await this.run(
      "UPDATE actions SET status = 'sent', platform_message_id = coalesce(@pid, platform_message_id), sent_at = @at, settled_at = @at, last_error = NULL, in_flight_since = NULL, claimed_until = NULL WHERE id = @id",
      { pid: platformMessageId, at: at.toISOString(), id },
    );
  }

  async retryLater(id: string, error: string, notBefore: Date): Promise<void> {
    await this.run(
      "UPDATE actions SET next_attempt_at = @notBefore, last_error = @error, in_flight_since = NULL WHERE id = @id",
      { notBefore: notBefore.toISOString(), error, id },
    );
  }

  async dead(id: string, error: string, at: Date): Promise<void> {
    await this.run(
      "UPDATE actions SET status = 'dead', last_error = @error, settled_at = @at, next_attempt_at = NULL, in_flight_since = NULL, claimed_until = NULL WHERE id = @id",
      { error, at: at.toISOString(), id },
    );
  }

  async superseded(id: string, at: Date): Promise<void> {
    await this.run(
      "UPDATE actions SET status = 'superseded', settled_at = @at, in_flight_since = NULL, claimed_until = NULL WHERE id = @id",
      { at: at.toISOString(), id },
    );
  }

  async lastDeliveredReply(threadKey: string): Promise<string | null> {
    const { rows } = await this.run(
      "SELECT platform_message_id AS id FROM actions WHERE thread_key = @key AND type = 'reply' AND status = 'sent' AND platform_message_id IS NOT NULL ORDER BY rid DESC LIMIT 1",
      { key: threadKey },
    );
    return strOrNull((rows[0] as Row | undefined)?.id);
  }

  async deadLetters(threadKey?: string, limit = 20): Promise<DeadLetter[]> {
    const { rows } = await this.run(
      "SELECT * FROM actions WHERE status = 'dead' AND (@key::text IS NULL OR thread_key = @key) ORDER BY settled_at DESC, rid DESC LIMIT @limit",
      { key: threadKey ?? null, limit },
    );
    return (rows as Row[]).map(deadLetterFromRow);
  }
}
