import { Agent, type Dispatcher, interceptors, request } from "undici";
import { sleep as defaultSleep, fullJitterDelay } from "./backoff.js";
import { type HeaderBag, retryAfterMs } from "./retry-after.js";

export interface HttpInit {
  method?: Dispatcher.HttpMethod;
  headers?: Record<string, string>;
  /** Sent again on each attempt, so it must be replayable: a string or bytes, not a stream. */
  body?: string | Uint8Array;
  signal?: AbortSignal;
}

export interface RetryOptions {
  /** Retries after the first attempt (so `retries + 1` requests at most). Default 3. */
  retries?: number;
  /** First backoff ceiling; doubles each attempt. Default 500 ms. */
  baseDelayMs?: number;
  /** Largest backoff ceiling when the server gave no wait. Default 20 s. */
  maxDelayMs?: number;
  /**
   * A server wait longer than this is not slept through: the response is returned as it is, so
   * the caller can tell its user "try again in N minutes" instead of hanging. Default 60 s.
   */
  maxRetryAfterMs?: number;
  /** Statuses worth another try. Default 408, 425, 429, 500, 502, 503, 504. */
  retryOn?: (status: number) => boolean;
  /** Injectable for tests: the wait between attempts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injectable for tests: [0, 1) for the jitter. */
  random?: () => number;
  /** Injectable for tests: the clock an HTTP-date Retry-After is measured against. */
  now?: () => number;
  /**
   * How long a server may take to send its headers, and then to send each part of the body, before
   * the attempt fails with "did not answer within …". Default 30 s.
   */
  timeoutMs?: number;
  /** Redirects followed (credentials are dropped on a cross-origin hop by undici). Default 3. */
  maxRedirections?: number;
  dispatcher?: Dispatcher;
  /** Called before each wait, for logs and metrics. */
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  /** The attempt that failed, from 1. */
  attempt: number;
  delayMs: number;
  /** Where the delay came from: the server's headers or our own backoff. */
  source: "retry-after" | "backoff";
  status?: number;
  error?: string;
}

export interface HttpResponse {
  status: number;
  headers: HeaderBag;
  /** undici's body: read it (`.text()`, async iteration) or `.dump()` it. */
  body: Dispatcher.ResponseData["body"];
  /** Requests made, the successful or final one included. */
  attempts: number;
}

const RETRY_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

const DEFAULT_TIMEOUT_MS = 30_000;

/** undici's timeout errors, in words a user can act on; other errors pass unchanged. */
function explainTimeout(error: unknown, url: string | URL, timeoutMs: number): unknown {
  const code = (error as { code?: string }).code;
  if (code !== "UND_ERR_HEADERS_TIMEOUT" && code !== "UND_ERR_BODY_TIMEOUT") return error;
  const host = new URL(url).host;
  return Object.assign(new Error(`${host} did not answer within ${timeoutMs / 1000} s`), { code });
}

/** A network error on a request that changes something may have taken effect: only idempotent methods are retried. */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/**
 * Our own agent, not undici's global dispatcher: the global slot is shared by every undici copy
 * in the process (discord.js bundles undici 6), and an older copy's dispatcher rejects this
 * version's handlers ("invalid onError method").
 */
let sharedAgent: Agent | undefined;
function defaultDispatcher(): Dispatcher {
  sharedAgent ??= new Agent();
  return sharedAgent;
}

function withRedirects(dispatcher: Dispatcher, maxRedirections: number): Dispatcher {
  return maxRedirections > 0
    ? dispatcher.compose(interceptors.redirect({ maxRedirections }))
    : dispatcher;
}

/**
 * One HTTP request with the retry etiquette of a good API citizen: honours `Retry-After`
 * (seconds or HTTP-date) and `retry-after-ms`, otherwise backs off exponentially with full
 * jitter, and stops after a bounded number of retries. The last response is returned whatever its
 * status; only network errors on the final attempt (or a non-idempotent request) throw.
 */
export async function requestWithRetry(
  url: string | URL,
  init: HttpInit = {},
  opts: RetryOptions = {},
): Promise<HttpResponse> {
  const retries = opts.retries ?? 3;
  const baseDelayMs = opts.baseDelayMs ?? 500;
  const maxDelayMs = opts.maxDelayMs ?? 20_000;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 60_000;
  const retryOn = opts.retryOn ?? ((status: number) => RETRY_STATUSES.has(status));
  const wait = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  const method = init.method ?? "GET";
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const dispatcher = withRedirects(
    opts.dispatcher ?? defaultDispatcher(),
    opts.maxRedirections ?? 3,
  );

  for (let attempt = 1; ; attempt++) {
    const canRetry = attempt <= retries;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method,
        dispatcher,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        ...(init.headers ? { headers: init.headers } : {}),
        ...(init.body !== undefined ? { body: init.body } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    } catch (caught) {
      const error = explainTimeout(caught, url, timeoutMs);
      if (init.signal?.aborted || !canRetry || !IDEMPOTENT.has(method)) throw error;
      const delayMs = fullJitterDelay(attempt - 1, baseDelayMs, maxDelayMs, random);
      opts.onRetry?.({ attempt, delayMs, source: "backoff", error: (error as Error).message });
      await wait(delayMs, init.signal);
      continue;
    }
    const { statusCode: status, headers, body } = response;
    if (!canRetry || !retryOn(status)) return { status, headers, body, attempts: attempt };
    const asked = retryAfterMs(headers, now());
    if (asked !== null && asked > maxRetryAfterMs)
      return { status, headers, body, attempts: attempt };
    const delayMs = asked ?? fullJitterDelay(attempt - 1, baseDelayMs, maxDelayMs, random);
    // An unread body keeps the connection busy; drain it before the next attempt.
    await body.dump().catch(() => undefined);
    opts.onRetry?.({
      attempt,
      delayMs,
      source: asked === null ? "backoff" : "retry-after",
      status,
    });
    await wait(delayMs, init.signal);
  }
}
