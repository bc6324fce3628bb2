import { describeError, type FailureVerdict } from "../../outbox/delivery-failure.js";

/** Slack errors that heal on their own; any other API error means the request itself is wrong. */
const TRANSIENT = new Set([
  "ratelimited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

interface SlackErrorShape {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
}

/**
 * A Web API failure in the drainer's terms. The WebClient already waits out 429s and retries
 * HTTP errors under its retry policy; what reaches here is lasting (channel_not_found,
 * not_in_channel, invalid_blocks…) or an outage that outlived the client's own retries.
 */
export function classifySlackFailure(error: unknown): FailureVerdict {
  const e = (error ?? {}) as SlackErrorShape;
  const api = e.data?.error;
  const message = api ? `${api}: ${describeError(error)}` : describeError(error);
  if (e.code === "slack_webapi_rate_limited_error")
    return { retryAfterMs: (e.retryAfter ?? 1) * 1000, permanent: false, message };
  if (e.code === "slack_webapi_platform_error")
    return { retryAfterMs: null, permanent: !TRANSIENT.has(api ?? ""), message };
  if (e.code === "slack_webapi_http_error") {
    const status = e.statusCode ?? 500;
    return {
      retryAfterMs: null,
      permanent: status >= 400 && status < 500 && status !== 429,
      message,
    };
  }
  return { retryAfterMs: null, permanent: false, message };
}
