import type { Database } from "better-sqlite3";
import type { IssueLedger, IssueLedgerRecord } from "../../github/ledger.js";

/**
 * The filing ledger on SQLite (migration 3, table `issue_ledger`): one row per request key, the
 * record as JSON, replaced on every put. It survives restarts, so a confirm after a crash finds
 * the `pending` record and looks for the marker before writing again.
 */
export class SqliteIssueLedger implements IssueLedger {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(key: string): Promise<IssueLedgerRecord | undefined> {
    const row = this.db.prepare("SELECT record FROM issue_ledger WHERE key = ?").get(key) as
      | { record: string }
      | undefined;
    return row ? (JSON.parse(row.record) as IssueLedgerRecord) : undefined;
  }

  async put(key: string, record: IssueLedgerRecord): Promise<void> {
    this.db
      .prepare("INSERT OR REPLACE INTO issue_ledger (key, record, updated_at) VALUES (?, ?, ?)")
      .run(key, JSON.stringify(record), this.now().toISOString());
  }
}
