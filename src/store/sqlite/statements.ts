import type { Database, Statement } from "better-sqlite3";

/**
 * Each SQL text is prepared once per connection and reused: preparing costs more than running
 * most of these statements (it showed up in profiles of every event). The texts seen so far are
 * listed, so a test can check every query's plan without a hand-kept list.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Database) {}

  get(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Every SQL text prepared through this cache, in first-use order. */
  texts(): string[] {
    return [...this.statements.keys()];
  }
}
