import { IssueTrackerError } from "../model/issue-tracker.js";

/** What went wrong talking to GitHub, for callers to branch on (Bolt style: a code, not a message). */
export type GitHubErrorCode =
  | "not_configured"
  | "auth"
  | "forbidden"
  | "not_found"
  | "validation"
  | "rate_limited"
  | "server"
  | "network"
  /** The preview to confirm is unknown or expired: draft it again. */
  | "preview_expired"
  /** "Comment on the duplicate" with no duplicate to comment on. */
  | "no_target";

/** The tracker port's error (src/model/issue-tracker.ts), with GitHub's codes and status. */
export class GitHubError extends IssueTrackerError {
  declare readonly code: GitHubErrorCode;
  readonly status: number | null;
  /** When a rate limit lifts, if GitHub said (retry-after or x-ratelimit-reset). */
  readonly retryAt: Date | null;

  constructor(
    code: GitHubErrorCode,
    message: string,
    status: number | null = null,
    retryAt: Date | null = null,
  ) {
    super(code, message);
    this.name = "GitHubError";
    this.status = status;
    this.retryAt = retryAt;
  }

  /** A write that failed this way may still have happened: look before writing again. */
  get ambiguous(): boolean {
    return this.code === "server" || this.code === "network";
  }
}

/** The shape Octokit's RequestError has; matched structurally so we need not import it. */
interface RequestErrorLike {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

function header(e: RequestErrorLike, name: string): string | undefined {
  const value = e.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
}

/** When a 403/429 lifts: retry-after seconds first, then x-ratelimit-reset epoch seconds. */
function retryAtOf(e: RequestErrorLike, now: Date): Date | null {
  const after = Number(header(e, "retry-after"));
  if (Number.isFinite(after) && after >= 0) return new Date(now.getTime() + after * 1000);
  const reset = Number(header(e, "x-ratelimit-reset"));
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : null;
}

/** Maps whatever Octokit threw onto a GitHubError with a one-line message. */
export function toGitHubError(error: unknown, what: string, now = new Date()): GitHubError {
  if (error instanceof GitHubError) return error;
  const e = (error ?? {}) as RequestErrorLike;
  const status = typeof e.status === "number" ? e.status : null;
  const message =
    String(e.message ?? error)
      .split("\n")[0]
      ?.slice(0, 300) ?? "unknown error";
  // Octokit reports a failed fetch as status 500 without a response.
  if (status === null || !e.response)
    return new GitHubError("network", `${what}: ${message}`, status);
  const limited =
    status === 429 ||
    (status === 403 &&
      (header(e, "x-ratelimit-remaining") === "0" ||
        header(e, "retry-after") !== undefined ||
        /rate limit/i.test(message)));
  if (limited) {
    const retryAt = retryAtOf(e, now);
    const when = retryAt ? ` until ${retryAt.toISOString()}` : "";
    return new GitHubError(
      "rate_limited",
      `${what}: GitHub rate limit (HTTP ${status})${when}`,
      status,
      retryAt,
    );
  }
  if (status === 401)
    return new GitHubError("auth", `${what}: GitHub rejected the token (401)`, status);
  if (status === 403)
    return new GitHubError("forbidden", `${what}: not allowed (403): ${message}`, status);
  if (status === 404 || status === 410)
    return new GitHubError(
      "not_found",
      `${what}: not found (${status}); does the token see the repository?`,
      status,
    );
  if (status === 422)
    return new GitHubError("validation", `${what}: GitHub refused it (422): ${message}`, status);
  if (status >= 500) return new GitHubError("server", `${what}: GitHub error ${status}`, status);
  return new GitHubError("server", `${what}: unexpected HTTP ${status}: ${message}`, status);
}
