/**
 * Issues the bot filed or linked (a thread's /issue, an incident's tracker), watched until they
 * close: kept apart from `Store` like incidents, so another database adds it as one small piece.
 */
export interface WatchedIssue {
  issueNumber: number;
  url: string;
}

export interface IssueWatchStore {
  /** Starts watching an issue (idempotent). */
  watchIssue(issueNumber: number, url: string): Promise<void>;
  /** Open watched issues, including every issue filed from a thread. */
  openWatchedIssues(): Promise<WatchedIssue[]>;
  /** Records the close; false when another process recorded it first. */
  issueClosed(issueNumber: number, at: string, outcome: string): Promise<boolean>;
  /** Threads linked to the issue: filed from them, or in an incident it tracks. */
  threadsOfIssue(issueNumber: number): Promise<string[]>;
}
