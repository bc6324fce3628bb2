import type { Database } from "better-sqlite3";
import type { IssueWatchStore, WatchedIssue } from "../issue-watch.js";

type Row = Record<string, unknown>;

/** Watched issues on SQLite (migration 5, table `watched_issues`). */
export class SqliteIssueWatch implements IssueWatchStore {
  constructor(private readonly db: Database) {}

  async watchIssue(issueNumber: number, url: string): Promise<void> {
    this.db
      .prepare("INSERT OR IGNORE INTO watched_issues (issue_number, url) VALUES (?, ?)")
      .run(issueNumber, url);
  }

  async openWatchedIssues(): Promise<WatchedIssue[]> {
    // Issues filed from a thread are watched from the moment they were filed.
    this.db.exec(
      `INSERT OR IGNORE INTO watched_issues (issue_number, url)
       SELECT issue_number, coalesce(url, '') FROM issue_reports
       WHERE status = 'filed' AND issue_number IS NOT NULL`,
    );
    const rows = this.db
      .prepare(
        "SELECT issue_number, url FROM watched_issues WHERE closed_at IS NULL ORDER BY issue_number",
      )
      .all() as Row[];
    return rows.map((r) => ({ issueNumber: Number(r.issue_number), url: String(r.url) }));
  }

  async issueClosed(issueNumber: number, at: string, outcome: string): Promise<boolean> {
    const result = this.db
      .prepare(
        "UPDATE watched_issues SET closed_at = ?, outcome = ?, checked_at = ? WHERE issue_number = ? AND closed_at IS NULL",
      )
      .run(at, outcome, at, issueNumber);
    return result.changes > 0;
  }

  async threadsOfIssue(issueNumber: number): Promise<string[]> {
    const rows = this.db
      .prepare(
        `SELECT thread_key FROM issue_reports WHERE status = 'filed' AND issue_number = @n
         UNION
         SELECT t.thread_key FROM incident_threads t JOIN incidents i ON i.id = t.incident_id
         WHERE json_extract(i.tracker, '$.number') = @n`,
      )
      .all({ n: issueNumber }) as Row[];
    return rows.map((r) => String(r.thread_key)).sort();
  }
}
