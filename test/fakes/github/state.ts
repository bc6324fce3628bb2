/** The fake's data: issues and comments per repository, shaped like GitHub's REST responses. */
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** GitHub's state_reason: "completed" (fixed) or "not_planned", once closed. */
  stateReason?: "completed" | "not_planned" | null;
}

export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  createdAt: string;
}

export class FakeRepo {
  readonly issues: FakeIssue[] = [];
  readonly comments: FakeComment[] = [];

  constructor(
    readonly owner: string,
    readonly name: string,
  ) {}

  get slug(): string {
    return `${this.owner}/${this.name}`;
  }

  addIssue(input: Partial<FakeIssue> & { title: string }, now: Date): FakeIssue {
    const at = input.createdAt ?? now.toISOString();
    const issue: FakeIssue = {
      number: this.issues.length + 1,
      body: "",
      state: "open",
      labels: [],
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      ...input,
    };
    this.issues.push(issue);
    return issue;
  }

  /** A maintainer closes the issue (as fixed unless `reason` says otherwise). */
  close(issueNumber: number, now: Date, reason: "completed" | "not_planned" = "completed"): void {
    const issue = this.issues.find((i) => i.number === issueNumber);
    if (!issue) throw new Error(`no issue #${issueNumber}`);
    issue.state = "closed";
    issue.stateReason = reason;
    issue.closedAt = now.toISOString();
    issue.updatedAt = issue.closedAt;
  }

  addComment(issue: FakeIssue, body: string, now: Date, nextId: number): FakeComment {
    const comment = { id: nextId, issueNumber: issue.number, body, createdAt: now.toISOString() };
    this.comments.push(comment);
    issue.updatedAt = comment.createdAt;
    return comment;
  }
}

/** GitHub's JSON for an issue. */
export function issueJson(repo: FakeRepo, issue: FakeIssue, web: string, api: string) {
  return {
    id: 1_000_000 + issue.number,
    node_id: `I_fake${issue.number}`,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    labels: issue.labels.map((name, i) => ({ id: i + 1, name, color: "d73a4a" })),
    user: { login: "ratelimit-triage-bot", id: 1, type: "Bot" },
    comments: repo.comments.filter((c) => c.issueNumber === issue.number).length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    state_reason: issue.stateReason ?? null,
    url: `${api}/repos/${repo.slug}/issues/${issue.number}`,
    html_url: `${web}/${repo.slug}/issues/${issue.number}`,
    repository_url: `${api}/repos/${repo.slug}`,
  };
}

export function commentJson(repo: FakeRepo, comment: FakeComment, web: string, api: string) {
  return {
    id: comment.id,
    body: comment.body,
    user: { login: "ratelimit-triage-bot", id: 1, type: "Bot" },
    created_at: comment.createdAt,
    updated_at: comment.createdAt,
    url: `${api}/repos/${repo.slug}/issues/comments/${comment.id}`,
    html_url: `${web}/${repo.slug}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${api}/repos/${repo.slug}/issues/${comment.issueNumber}`,
  };
}
