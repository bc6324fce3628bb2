import type { Database } from "better-sqlite3";
import type { IssueLedger, IssueLedgerRecord } from "../../github/ledger.js";
import { StatementCache } from "./statements.js";

/**
 * The filing ledger on SQLite (migration 3, table `issue_ledger`): one row per request key, the
 * record as JSON, replaced on every put. It survives restarts, so a confirm after a crash finds
 * the `pending` record and looks for the marker before writing again.
 */
export class SqliteIssueLedger implements IssueLedger {
  private readonly statements: StatementCache;

  constructor(
    db: Database,
    private readonly now: () => Date = () => new Date(),
    statements?: StatementCache,
  ) {
    this.statements = statements ?? new StatementCache(db);
  }

  private sql(text: string) {
    return this.statements.get(text);
  }

  async get(key: string): Promise<IssueLedgerRecord | undefined> {
    const row = this.sql("SELECT record FROM issue_ledger WHERE key = ?").get(key) as
      | { record: string }
      | undefined;
    return row ? (JSON.parse(row.record) as IssueLedgerRecord) : undefined;
  }

  async put(key: string, record: IssueLedgerRecord): Promise<void> {
    this.sql("INSERT OR REPLACE INTO issue_ledger (key, record, updated_at) VALUES (?, ?, ?)").run(
      key,
      JSON.stringify(record),
      this.now().toISOString(),
    );
  }
}
