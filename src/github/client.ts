import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import {
  DEFAULT_RATE_LIMIT_POLICY,
  type GitHubLog,
  type RateLimitPolicy,
  rateLimitHandlers,
  retryAfterAsSecondary,
} from "./rate-limit-policy.js";
import { GITHUB_API } from "./repo-ref.js";

/**
 * Octokit with GitHub's recommended throttling (one write at a time 1 s apart, 3 s between
 * notification-triggering writes, 2 s between searches) and its retry plugin. The order matters:
 * plugins registered first sit closest to the network.
 */
export const GitHubOctokit = Octokit.plugin(retryAfterAsSecondary, throttling, retry);
export type GitHubOctokit = InstanceType<typeof GitHubOctokit>;

export interface GitHubClientConfig {
  token: string;
  /** GITHUB_API_URL: GitHub Enterprise (`https://host/api/v3`) or a fake; api.github.com when absent. */
  apiUrl?: string | null;
  policy?: Partial<RateLimitPolicy>;
  /** Milliseconds per second of Retry-After / reset; tests shrink it so they do not sleep. */
  retryAfterBaseMs?: number;
  /** Clients with the same id share the spacing of writes and searches. */
  throttleId?: string;
  /** GitHub's proactive spacing between writes and searches; tests turn it off. */
  spacing?: boolean;
  log?: GitHubLog;
  userAgent?: string;
  /** Per request: GitHub not answering within this fails the call instead of hanging. Default 20 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * Octokit's fetch with a deadline: without one, a server that accepts the connection and never
 * answers leaves `issue --create` hanging with no output.
 */
function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      return await fetch(input, { ...init, signal });
    } catch (error) {
      if (!deadline.aborted) throw error;
      throw new Error(`GitHub did not answer within ${timeoutMs / 1000} s`);
    }
  };
}

const QUIET_LOG: GitHubLog = {
  debug: () => undefined,
  info: () => undefined,
  warn: (m) => process.stderr.write(`${m}\n`),
  error: (m) => process.stderr.write(`${m}\n`),
};

/** A limiter group that runs jobs at once; Bottleneck's `Group` shape, as far as the plugin uses it. */
const IMMEDIATE_GROUP = {
  key: () => ({
    schedule: (_options: unknown, job: (...args: unknown[]) => unknown, ...args: unknown[]) =>
      Promise.resolve().then(() => job(...args)),
  }),
};

export function createGitHubOctokit(config: GitHubClientConfig): GitHubOctokit {
  const policy = { ...DEFAULT_RATE_LIMIT_POLICY, ...config.policy };
  const log = config.log ?? QUIET_LOG;
  const baseMs = config.retryAfterBaseMs ?? 1000;
  // Without spacing, writes and searches skip the plugin's queues (never in production).
  const immediate = config.spacing === false ? (IMMEDIATE_GROUP as never) : undefined;
  return new GitHubOctokit({
    auth: config.token,
    baseUrl: (config.apiUrl ?? GITHUB_API).replace(/\/+$/, ""),
    userAgent: config.userAgent ?? "ratelimit-triage",
    log,
    request: { fetch: fetchWithTimeout(config.timeoutMs ?? DEFAULT_TIMEOUT_MS) },
    throttle: {
      ...rateLimitHandlers(policy, log),
      id: config.throttleId ?? "ratelimit-triage",
      retryAfterBaseValue: baseMs,
      fallbackSecondaryRateRetryAfter: 60,
      ...(immediate ? { write: immediate, search: immediate, notifications: immediate } : {}),
    },
    retry: {
      // Rate limits are the throttling plugin's (it honours their waits); 4xx will not change.
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      retries: 2,
      retryAfterBaseValue: baseMs,
    },
  });
}
