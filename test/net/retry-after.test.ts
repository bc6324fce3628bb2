import { describe, expect, it } from "vitest";
import { fullJitterDelay } from "../../src/net/backoff.js";
import { retryAfterMs } from "../../src/net/retry-after.js";

describe("retryAfterMs", () => {
  const now = Date.parse("2026-11-23T10:00:00Z");

  it("reads seconds, fractional seconds and retry-after-ms", () => {
    expect(retryAfterMs({ "retry-after": "7" }, now)).toBe(7000);
    expect(retryAfterMs({ "retry-after": "1.5" }, now)).toBe(1500);
    expect(retryAfterMs({ "retry-after-ms": "250", "retry-after": "9" }, now)).toBe(250);
  });

  it("reads an HTTP-date against the given clock; a past date means no wait", () => {
    expect(retryAfterMs({ "retry-after": "Mon, 23 Nov 2026 10:00:30 GMT" }, now)).toBe(30_000);
    expect(retryAfterMs({ "retry-after": "Mon, 23 Nov 2026 09:00:00 GMT" }, now)).toBe(0);
  });

  it("returns null when there is nothing usable", () => {
    expect(retryAfterMs({}, now)).toBeNull();
    expect(retryAfterMs({ "retry-after": "soon" }, now)).toBeNull();
    expect(retryAfterMs({ "retry-after": ["3", "4"] }, now)).toBe(3000);
  });
});

describe("fullJitterDelay", () => {
  it("draws below a ceiling that doubles and is capped", () => {
    expect(fullJitterDelay(0, 500, 20_000, () => 0.5)).toBe(250);
    expect(fullJitterDelay(3, 500, 20_000, () => 0.5)).toBe(2000);
    expect(fullJitterDelay(10, 500, 20_000, () => 0.999)).toBe(19_980);
    expect(fullJitterDelay(2, 500, 20_000, () => 0)).toBe(0);
  });
});
