import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { describeError, type FailureVerdict } from "../../outbox/delivery-failure.js";

/**
 * A Discord failure in the drainer's terms. discord.js already waits out 429s and retries 5xx
 * three times before it throws, so what arrives here is either lasting (a 4xx: no access, unknown
 * channel, invalid body) or an outage worth retrying later.
 */
export function classifyDiscordFailure(error: unknown): FailureVerdict {
  const message = describeError(error);
  if (error instanceof RateLimitError)
    return { retryAfterMs: error.retryAfter, permanent: false, message };
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    const status = error.status;
    const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
    return { retryAfterMs: null, permanent, message: `${status}: ${message}` };
  }
  return { retryAfterMs: null, permanent: false, message };
}
