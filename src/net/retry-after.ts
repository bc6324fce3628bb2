/**
 * How long a server asked us to wait, from its response headers. Providers and chat platforms
 * disagree on the spelling: `retry-after-ms` (OpenAI, Azure), `Retry-After` in seconds
 * (RFC 9110, Discord, Slack) or as an HTTP-date (RFC 9110 §10.2.3, some CDNs and proxies).
 */
export type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Milliseconds to wait before retrying, or null when the server said nothing usable. */
export function retryAfterMs(headers: HeaderBag, now: number = Date.now()): number | null {
  const ms = header(headers, "retry-after-ms");
  if (ms !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));
  const value = header(headers, "retry-after")?.trim();
  if (value === undefined || value === "") return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  // A date in the past means "now"; never a negative wait.
  return Math.max(0, date - now);
}
