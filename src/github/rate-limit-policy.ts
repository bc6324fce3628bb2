import type { Octokit } from "@octokit/rest";

/** How long the bot will wait out a GitHub rate limit before giving the user the link instead. */
export interface RateLimitPolicy {
  /** Retries of one request after rate limits. */
  maxRetries: number;
  /** Longest single wait, in seconds; a primary limit resets within the hour, too long for a click. */
  maxWaitSeconds: number;
}

export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = { maxRetries: 3, maxWaitSeconds: 60 };

export interface GitHubLog {
  debug(message: string): unknown;
  info(message: string): unknown;
  warn(message: string): unknown;
  error(message: string): unknown;
}

type LimitHandler = (
  retryAfter: number,
  options: { method?: string; url?: string },
  octokit: unknown,
  retryCount: number,
) => boolean;

/**
 * The throttling plugin's handlers. It has already read the wait from the response: Retry-After
 * for a secondary limit (else 60 s, GitHub's "at least one minute"), x-ratelimit-reset + 1 s for
 * a primary one. We only decide whether to wait that long.
 */
export function rateLimitHandlers(policy: RateLimitPolicy, log: GitHubLog) {
  const decide =
    (kind: "primary" | "secondary"): LimitHandler =>
    (retryAfter, options, _octokit, retryCount) => {
      const retry = retryCount < policy.maxRetries && retryAfter <= policy.maxWaitSeconds;
      log.warn(
        `GitHub ${kind} rate limit on ${options.method ?? "?"} ${options.url ?? "?"}: ${
          retry
            ? `retrying in ${retryAfter}s`
            : `not retrying (wait ${retryAfter}s, attempt ${retryCount + 1})`
        }`,
      );
      return retry;
    };
  return { onRateLimit: decide("primary"), onSecondaryRateLimit: decide("secondary") };
}

interface RequestErrorLike {
  status?: number;
  message: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

/**
 * The throttling plugin recognises a secondary limit by its message and a primary one by
 * `x-ratelimit-remaining: 0`. A 403/429 that carries only Retry-After (a GitHub Enterprise
 * proxy, or a new message wording) would otherwise be retried blind by the retry plugin; we
 * name it a secondary limit so the throttling plugin waits the Retry-After it gives.
 * Registered before the throttling plugin, so it sees the raw response first.
 */
export function retryAfterAsSecondary(octokit: Pick<Octokit, "hook">): void {
  octokit.hook.error("request", (error) => {
    const e = error as RequestErrorLike;
    const headers = e.response?.headers ?? {};
    if (
      (e.status === 429 || e.status === 403) &&
      headers["retry-after"] !== undefined &&
      String(headers["x-ratelimit-remaining"]) !== "0" &&
      !/\bsecondary rate\b/i.test(e.message)
    ) {
      e.message = `${e.message} (treated as a secondary rate limit: Retry-After ${headers["retry-after"]})`;
    }
    throw error;
  });
}
