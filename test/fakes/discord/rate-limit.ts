/** A 429 the fake will answer to the next request that matches, and what the client did next. */
export interface RateLimitPlan {
  method: string;
  path: RegExp;
  retryAfterSeconds: number;
  global: boolean;
}

export interface RateLimitRecord {
  method: string;
  path: string;
  global: boolean;
  limitedAt: number;
  retryAfterMs: number;
  /** When the same route was called again, by the fake's own clock. */
  retriedAt?: number;
  /** The retry came no earlier than Retry-After allowed. */
  honoured?: boolean;
}

/**
 * Answers planned 429s the way Discord does (Retry-After header in seconds, `retry_after` and
 * `global` in the body, X-RateLimit-* headers), then checks the client's next call to that route
 * against its own clock. discord.js ignores the body's retry_after (it reads the header), so the
 * header is always sent: without it the client retries at once, forever.
 */
export class RateLimiter {
  private plans: RateLimitPlan[] = [];
  readonly records: RateLimitRecord[] = [];

  plan(plan: RateLimitPlan): void {
    this.plans.push(plan);
  }

  /** Notes a retry of a limited route; returns the 429 to send, or null to serve normally. */
  check(
    method: string,
    path: string,
  ): { status: 429; headers: Record<string, string>; body: unknown } | null {
    const now = Date.now();
    for (const record of this.records) {
      if (record.retriedAt === undefined && record.method === method && record.path === path) {
        record.retriedAt = now;
        record.honoured = now >= record.limitedAt + record.retryAfterMs;
      }
    }
    const index = this.plans.findIndex((p) => p.method === method && p.path.test(path));
    const plan = this.plans[index];
    if (!plan) return null;
    this.plans.splice(index, 1);
    this.records.push({
      method,
      path,
      global: plan.global,
      limitedAt: now,
      retryAfterMs: plan.retryAfterSeconds * 1000,
    });
    const s = String(plan.retryAfterSeconds);
    return {
      status: 429,
      headers: {
        "retry-after": s,
        "x-ratelimit-limit": "5",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(now / 1000 + plan.retryAfterSeconds),
        "x-ratelimit-reset-after": s,
        "x-ratelimit-bucket": "fake-bucket-messages",
        "x-ratelimit-scope": plan.global ? "global" : "user",
        ...(plan.global ? { "x-ratelimit-global": "true" } : {}),
      },
      body: {
        message: "You are being rate limited.",
        retry_after: plan.retryAfterSeconds,
        global: plan.global,
      },
    };
  }
}
