/**
 * What incidents need from an issue tracker, and nothing more: the conversation layer depends on
 * this narrow port, not on the GitHub filer (src/github/incident-tracker.ts implements it).
 */
export interface TrackedIssue {
  number: number;
  url: string;
}

export interface IssueOutcome {
  state: "open" | "closed";
  /** "completed" when closed as fixed. */
  stateReason: string | null;
  title: string;
  url: string;
  /** The release the fix ships in, when the issue or its last comments say so. */
  fixedIn: string | null;
}

export interface IncidentTrackerPort {
  /**
   * Files the cluster's issue once: an issue carrying `marker` is found and commented on instead
   * (the fingerprint dedupe), so a restart or a second replica never files it twice.
   */
  fileOnce(input: {
    marker: string;
    title: string;
    body: string;
    labels: string[];
  }): Promise<TrackedIssue & { created: boolean }>;
  comment(issueNumber: number, body: string): Promise<void>;
  /** null when the issue does not exist (deleted, transferred). */
  outcome(issueNumber: number): Promise<IssueOutcome | null>;
}
