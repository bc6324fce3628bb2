import type { Database } from "better-sqlite3";
import type { IssueWatchStore, WatchedIssue } from "../issue-watch.js";
import { StatementCache } from "./statements.js";

type Row = Record<string, unknown>;

/** Watched issues on SQLite (migration 5, table `watched_issues`). */
export class SqliteIssueWatch implements IssueWatchStore {
  private readonly statements: StatementCache;

  /** `statements`: the store's cache, so these are prepared once per connection like the rest. */
  constructor(db: Database, statements?: StatementCache) {
    this.statements = statements ?? new StatementCache(db);
  }

  private sql(text: string) {
    return this.statements.get(text);
  }

  async watchIssue(issueNumber: number, url: string): Promise<void> {
    this.sql("INSERT OR IGNORE INTO watched_issues (issue_number, url) VALUES (?, ?)").run(
      issueNumber,
      url,
    );
  }

  async openWatchedIssues(): Promise<WatchedIssue[]> {
    // Issues filed from a thread are watched from the moment they were filed.
    this.statements.db.exec(
      `INSERT OR IGNORE INTO watched_issues (issue_number, url)
       SELECT issue_number, coalesce(url, '') FROM issue_reports
       WHERE status = 'filed' AND issue_number IS NOT NULL`,
    );
    const rows = this.sql(
      "SELECT issue_number, url FROM watched_issues WHERE closed_at IS NULL ORDER BY issue_number",
    ).all() as Row[];
    return rows.map((r) => ({ issueNumber: Number(r.issue_number), url: String(r.url) }));
  }

  async issueClosed(issueNumber: number, at: string, outcome: string): Promise<boolean> {
    const result = this.sql(
      "UPDATE watched_issues SET closed_at = ?, outcome = ?, checked_at = ? WHERE issue_number = ? AND closed_at IS NULL",
    ).run(at, outcome, at, issueNumber);
    return result.changes > 0;
  }

  async threadsOfIssue(issueNumber: number): Promise<string[]> {
    const rows = this.sql(
      `SELECT thread_key FROM issue_reports WHERE status = 'filed' AND issue_number = @n
         UNION
         SELECT t.thread_key FROM incident_threads t JOIN incidents i ON i.id = t.incident_id
         WHERE json_extract(i.tracker, '$.number') = @n`,
    ).all({ n: issueNumber }) as Row[];
    return rows.map((r) => String(r.thread_key)).sort();
  }
}
