import type pg from "pg";
import type { InboxEntry, InboxStore, NewInboxEntry } from "../inbox.js";
import { inboxEntryFromRow } from "../inbox-rows.js";
import { named } from "./named.js";

type Row = Record<string, unknown>;

/** Any constant but the outbox's: claims are taken one replica at a time, as in the outbox. */
const CLAIM_LOCK = 7_215_003;

const LEASE = "clock_timestamp() + make_interval(secs => @lease::double precision / 1000)";

/**
 * Claims undecided events for this replica: none another live replica holds, none of its own
 * (in flight here: each is settled, deleted or released, by the pump), none waiting out a retry, and only of threads no other live replica holds an event
 * of, so a thread's events are decided in order whichever replica decides them.
 */
const CLAIM = `UPDATE inbox SET claimed_by = @owner, claimed_until = ${LEASE}
  WHERE seq IN (
    SELECT i.seq FROM inbox i
    WHERE (i.claimed_until IS NULL
        OR (i.claimed_until < clock_timestamp() AND i.claimed_by <> @owner))
      AND left(i.thread_key, length(@prefix)) = @prefix
      AND (i.next_attempt_at IS NULL OR i.next_attempt_at <= @now)
      AND NOT EXISTS (SELECT 1 FROM inbox o WHERE o.thread_key = i.thread_key AND o.seq < i.seq
        AND o.next_attempt_at > @now)
      AND NOT EXISTS (SELECT 1 FROM inbox o WHERE o.thread_key = i.thread_key
        AND o.claimed_by <> @owner AND o.claimed_until > clock_timestamp())
    ORDER BY i.seq LIMIT @limit FOR UPDATE SKIP LOCKED)
  RETURNING *`;

/** The inbox on PostgreSQL: recorded by the replica that acked, decided by whichever claims it. */
export class PgInbox implements InboxStore {
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

  async record(entry: NewInboxEntry): Promise<boolean> {
    const result = await this.run(
      `INSERT INTO inbox (id, thread_key, payload, received_at) VALUES (@id, @threadKey, @payload, @at)
       ON CONFLICT (id) DO NOTHING`,
      { ...entry, at: entry.receivedAt.toISOString() },
    );
    return result.rowCount === 1;
  }

  async holdsThread(threadKey: string): Promise<boolean> {
    const { rows } = await this.run("SELECT 1 FROM inbox WHERE thread_key = @key LIMIT 1", {
      key: threadKey,
    });
    return rows.length > 0;
  }

  async take(prefix: string, limit: number, now: Date): Promise<InboxEntry[]> {
    const params = {
      owner: this.owner,
      lease: this.claimLeaseMs,
      prefix,
      limit,
      now: now.toISOString(),
    };
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [CLAIM_LOCK]);
      const { rows } = await client.query(named(CLAIM, params));
      await client.query("COMMIT");
      return (rows as Row[]).sort((a, b) => Number(a.seq) - Number(b.seq)).map(inboxEntryFromRow);
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  }

  async done(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.run("DELETE FROM inbox WHERE id = ANY(@ids::text[])", { ids: [...ids] });
  }

  async retryLater(id: string, error: string, notBefore: Date): Promise<void> {
    await this.run(
      `UPDATE inbox SET attempts = attempts + 1, last_error = @error, next_attempt_at = @notBefore,
         claimed_by = NULL, claimed_until = NULL WHERE id = @id`,
      { id, error, notBefore: notBefore.toISOString() },
    );
  }

  async backlog(prefix: string): Promise<number> {
    const { rows } = await this.run(
      "SELECT count(*) AS n FROM inbox WHERE left(thread_key, length(@prefix)) = @prefix",
      { prefix },
    );
    return Number((rows[0] as Row).n);
  }
}
