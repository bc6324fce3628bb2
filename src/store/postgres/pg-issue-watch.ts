import type pg from "pg";
import type { IssueWatchStore, WatchedIssue } from "../issue-watch.js";
import { named } from "./named.js";

/** Watched issues on PostgreSQL (migration 3, table `watched_issues`), as on SQLite. */
export class PgIssueWatch implements IssueWatchStore {
  constructor(private readonly pool: pg.Pool) {}

  async watchIssue(issueNumber: number, url: string): Promise<void> {
    await this.pool.query(
      "INSERT INTO watched_issues (issue_number, url) VALUES ($1, $2) ON CONFLICT DO NOTHING",
      [issueNumber, url],
    );
  }

  async openWatchedIssues(): Promise<WatchedIssue[]> {
    // Issues filed from a thread are watched from the moment they were filed.
    await this.pool.query(
      `INSERT INTO watched_issues (issue_number, url)
       SELECT issue_number, coalesce(url, '') FROM issue_reports
       WHERE status = 'filed' AND issue_number IS NOT NULL
       ON CONFLICT DO NOTHING`,
    );
    const { rows } = await this.pool.query<{ issue_number: number; url: string }>(
      "SELECT issue_number, url FROM watched_issues WHERE closed_at IS NULL ORDER BY issue_number",
    );
    return rows.map((r) => ({ issueNumber: Number(r.issue_number), url: String(r.url) }));
  }

  async issueClosed(issueNumber: number, at: string, outcome: string): Promise<boolean> {
    const result = await this.pool.query(
      named(
        "UPDATE watched_issues SET closed_at = @at, outcome = @outcome, checked_at = @at WHERE issue_number = @n AND closed_at IS NULL",
        { at, outcome, n: issueNumber },
      ),
    );
    return (result.rowCount ?? 0) > 0;
  }

  async threadsOfIssue(issueNumber: number): Promise<string[]> {
    // The incident's tracker is the JSON text {"number", "url"}, as on SQLite.
    const { rows } = await this.pool.query<{ thread_key: string }>(
      `SELECT thread_key FROM issue_reports WHERE status = 'filed' AND issue_number = $1
       UNION
       SELECT t.thread_key FROM incident_threads t JOIN incidents i ON i.id = t.incident_id
       WHERE (i.tracker::jsonb ->> 'number')::bigint = $1`,
      [issueNumber],
    );
    return rows.map((r) => String(r.thread_key)).sort();
  }
}
