/**
 * How a platform call failed, in the drainer's terms: wait this long (the platform's Retry-After)
 * or give up now (the request itself is wrong: a missing channel or permission never heals).
 */
export interface FailureVerdict {
  retryAfterMs: number | null;
  permanent: boolean;
  /** One line for the log, the dead letter and staff. */
  message: string;
}

export type ClassifyFailure = (error: unknown) => FailureVerdict;

/** What an unknown error says about itself: its message, never a stack or a request body. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0]?.slice(0, 300) || error.name;
  return String(error).slice(0, 300);
}
