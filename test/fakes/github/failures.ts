/**
 * Failures the fake can be told to answer with, as GitHub sends them (docs.github.com, "Rate
 * limits for the REST API"; provider-errors.md §2.9).
 */
export type FailureKind =
  /** Secondary limit, 403 with Retry-After. */
  | "secondary-403"
  /** Secondary limit, 429 with Retry-After. */
  | "secondary-429"
  /** Primary limit: 403, x-ratelimit-remaining 0, x-ratelimit-reset in `seconds`. */
  | "primary-403"
  /** A 429 with only Retry-After and no recognisable message (a proxy, GHES). */
  | "retry-after-429"
  /** 502 before doing anything. */
  | "server-502"
  /** 502 after doing the write: the response is lost, the issue exists. */
  | "server-502-after-write";

export interface ScriptedFailure {
  method: string;
  /** A pathname, or a pattern over it. */
  path: string | RegExp;
  kind: FailureKind;
  /** Retry-After, or seconds until x-ratelimit-reset. */
  seconds?: number;
  /** How many matching requests fail; 1 when not given. */
  times?: number;
}

/** One rate limit the fake imposed, and whether the client's next request waited it out. */
export interface RateLimitCheck {
  kind: FailureKind;
  method: string;
  path: string;
  /** When the fake would accept the request again (in the fake's own time scale). */
  notBefore: number;
  /** Set when the next request on the route arrives. */
  retriedAt: number | null;
  honoured: boolean | null;
}

export const SECONDARY_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:1111:2222:3333:44444444.";

export const PRIMARY_MESSAGE = "API rate limit exceeded for user ID 1.";

export function matchesFailure(f: ScriptedFailure, method: string, path: string): boolean {
  if (f.method !== method) return false;
  return typeof f.path === "string" ? f.path === path : f.path.test(path);
}

export function isRateLimit(kind: FailureKind): boolean {
  return kind !== "server-502" && kind !== "server-502-after-write";
}
