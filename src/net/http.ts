/**
 * Outbound HTTP for the adapters (Discord attachments, Slack files, GitHub). Two calls:
 *
 * - `requestWithRetry(url, init, opts)`: one request with Retry-After / retry-after-ms honoured,
 *   full-jitter exponential backoff otherwise, bounded retries; sleep, random and clock injectable.
 * - `downloadText(url, { maxBytes, headers, name })`: a capped, streamed text download (gzip
 *   detected by magic bytes and gunzipped in-stream, binary refused) that never throws for a bad
 *   file: `{ text, bytesRead, truncated, gzip, note }`, the note written for the user.
 */
export { fullJitterDelay, sleep } from "./backoff.js";
export { type DownloadedText, type DownloadTextOptions, downloadText } from "./download-text.js";
export { formatBytes } from "./format-bytes.js";
export {
  type HttpInit,
  type HttpResponse,
  type RetryInfo,
  type RetryOptions,
  requestWithRetry,
} from "./request-with-retry.js";
export { type HeaderBag, retryAfterMs } from "./retry-after.js";
