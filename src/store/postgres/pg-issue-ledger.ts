import type pg from "pg";
import type { IssueLedger, IssueLedgerRecord } from "../../github/ledger.js";

/** The filing ledger on PostgreSQL (table `issue_ledger`), as the SQLite one: one row per key. */
export class PgIssueLedger implements IssueLedger {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(key: string): Promise<IssueLedgerRecord | undefined> {
    const { rows } = await this.pool.query<{ record: string }>(
      "SELECT record FROM issue_ledger WHERE key = $1",
      [key],
    );
    return rows[0] ? (JSON.parse(rows[0].record) as IssueLedgerRecord) : undefined;
  }

  async put(key: string, record: IssueLedgerRecord): Promise<void> {
    await this.pool.query(
      "INSERT INTO issue_ledger (key, record, updated_at) VALUES ($1, $2, $3) ON CONFLICT(key) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at",
      [key, JSON.stringify(record), this.now().toISOString()],
    );
  }
}
