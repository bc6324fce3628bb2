import { describe, expect, it } from "vitest";
import {
  humanizeSeconds,
  localParts,
  nextLocalTime,
  nextMidnight,
  nextMonthStartUtc,
  parseGoDuration,
  roundSeconds,
  zonedTimeToInstant,
} from "../../src/core/durations.js";

const at = (iso: string) => new Date(iso);
const secondsBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;

describe("parseGoDuration (OpenAI/Groq 'try again in' and x-ratelimit-reset-*)", () => {
  it.each([
    // provider-errors.md §2.1 lists these spellings.
    ["20ms", 0.02],
    ["644ms", 0.644],
    ["8ms", 0.008],
    ["1s", 1],
    ["1.574s", 1.574],
    ["6.780999999s", 6.781],
    ["7m12s", 432],
    ["6m0s", 360],
    ["9m38.016s", 578.016],
    ["2m59.56s", 179.56],
    ["1h2m3.5s", 3723.5],
    ["50.597142857s", 50.597],
    [" 26.604s ", 26.604],
  ])("%s is %d s", (text, seconds) => {
    expect(parseGoDuration(text)).toBe(seconds);
  });

  it.each(["", "5", "abc", "5 seconds", "m", "1d", "-3s"])("%j is not a duration", (text) => {
    expect(parseGoDuration(text)).toBeNull();
  });
});

describe("roundSeconds", () => {
  it("rounds to milliseconds", () => {
    expect(roundSeconds(6.780999999)).toBe(6.781);
    expect(roundSeconds(2.463586755)).toBe(2.464);
    expect(roundSeconds(0)).toBe(0);
  });
});

describe("nextMidnight", () => {
  const LA = "America/Los_Angeles";

  it("Gemini per-day quotas: midnight Pacific in winter (PST, UTC-8)", () => {
    expect(nextMidnight(at("2026-01-15T12:00:00Z"), LA).toISOString()).toBe(
      "2026-01-16T08:00:00.000Z",
    );
  });

  it("midnight Pacific in summer (PDT, UTC-7)", () => {
    expect(nextMidnight(at("2026-07-01T12:00:00Z"), LA).toISOString()).toBe(
      "2026-07-02T07:00:00.000Z",
    );
  });

  // US clocks went forward on 2026-03-08 at 02:00 and go back on 2026-11-01 at 02:00.
  it("across the spring-forward change: the day of the change has 23 hours", () => {
    expect(nextMidnight(at("2026-03-07T12:00:00Z"), LA).toISOString()).toBe(
      "2026-03-08T08:00:00.000Z",
    );
    const justAfterMidnight = at("2026-03-08T08:30:00Z"); // 00:30 PST
    const next = nextMidnight(justAfterMidnight, LA);
    expect(next.toISOString()).toBe("2026-03-09T07:00:00.000Z"); // 00:00 PDT
    expect(secondsBetween(justAfterMidnight, next)).toBe(22.5 * 3600);
  });

  it("across the fall-back change: the day of the change has 25 hours", () => {
    expect(nextMidnight(at("2026-10-31T12:00:00Z"), LA).toISOString()).toBe(
      "2026-11-01T07:00:00.000Z",
    );
    const justAfterMidnight = at("2026-11-01T07:30:00Z"); // 00:30 PDT
    const next = nextMidnight(justAfterMidnight, LA);
    expect(next.toISOString()).toBe("2026-11-02T08:00:00.000Z"); // 00:00 PST
    expect(secondsBetween(justAfterMidnight, next)).toBe(24.5 * 3600);
  });

  it("exactly at midnight, the next one is a day later", () => {
    expect(nextMidnight(at("2026-07-02T07:00:00Z"), LA).toISOString()).toBe(
      "2026-07-03T07:00:00.000Z",
    );
  });

  it("OpenRouter's free-model day: midnight UTC", () => {
    expect(nextMidnight(at("2026-05-20T23:59:00Z"), "UTC").toISOString()).toBe(
      "2026-05-21T00:00:00.000Z",
    );
  });
});

describe("nextMonthStartUtc (Anthropic spend caps, Cohere trial month)", () => {
  it.each([
    ["2026-08-20T10:00:00Z", "2026-09-01T00:00:00.000Z"],
    ["2026-12-15T10:00:00Z", "2027-01-01T00:00:00.000Z"],
    ["2026-03-01T00:00:00Z", "2026-04-01T00:00:00.000Z"],
    ["2028-02-29T23:59:59Z", "2028-03-01T00:00:00.000Z"],
  ])("from %s", (now, expected) => {
    expect(nextMonthStartUtc(at(now)).toISOString()).toBe(expected);
  });
});

describe("zonedTimeToInstant", () => {
  it("reads a wall-clock time in a zone", () => {
    expect(zonedTimeToInstant(2026, 3, 11, 20, 30, "Asia/Tokyo").toISOString()).toBe(
      "2026-03-11T11:30:00.000Z",
    );
    expect(zonedTimeToInstant(2026, 3, 11, 0, 0, "Asia/Kolkata").toISOString()).toBe(
      "2026-03-10T18:30:00.000Z",
    );
  });

  it("a time that occurs twice (clocks go back) is its first occurrence", () => {
    expect(zonedTimeToInstant(2026, 11, 1, 1, 30, "America/Los_Angeles").toISOString()).toBe(
      "2026-11-01T08:30:00.000Z", // 01:30 PDT
    );
    expect(zonedTimeToInstant(2026, 10, 25, 2, 30, "Europe/Berlin").toISOString()).toBe(
      "2026-10-25T00:30:00.000Z", // 02:30 CEST
    );
  });

  it("a time that does not exist (clocks go forward) moves past the gap", () => {
    expect(zonedTimeToInstant(2026, 3, 8, 2, 30, "America/Los_Angeles").toISOString()).toBe(
      "2026-03-08T10:30:00.000Z", // 03:30 PDT
    );
    expect(zonedTimeToInstant(2026, 3, 29, 2, 30, "Europe/Berlin").toISOString()).toBe(
      "2026-03-29T01:30:00.000Z", // 03:30 CEST
    );
  });

  it("throws for a zone Intl does not know", () => {
    expect(() => zonedTimeToInstant(2026, 1, 1, 0, 0, "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("localParts and nextLocalTime (Claude Code's 'resets 8:30pm (Asia/Tokyo)')", () => {
  it("gives the local calendar date and clock", () => {
    expect(localParts(at("2026-03-10T12:00:00Z"), "Asia/Tokyo")).toEqual({
      year: 2026,
      month: 3,
      day: 10,
      hour: 21,
      minute: 0,
    });
  });

  it("is later today when the time has not passed yet", () => {
    expect(nextLocalTime(at("2026-03-10T12:00:00Z"), 20, 0, "America/New_York").toISOString()).toBe(
      "2026-03-11T00:00:00.000Z",
    );
  });

  it("is tomorrow when the time has passed", () => {
    expect(nextLocalTime(at("2026-03-10T12:00:00Z"), 20, 30, "Asia/Tokyo").toISOString()).toBe(
      "2026-03-11T11:30:00.000Z",
    );
  });

  it("is tomorrow when now is exactly that time", () => {
    expect(nextLocalTime(at("2026-03-11T11:30:00Z"), 20, 30, "Asia/Tokyo").toISOString()).toBe(
      "2026-03-12T11:30:00.000Z",
    );
  });
});

describe("humanizeSeconds", () => {
  it.each([
    [37, "37 s"],
    [4.77, "4.77 s"],
    [432, "7 min"],
    [68400, "19 h"],
    [22.5 * 3600, "22 h 30 min"],
  ])("%d s", (seconds, text) => {
    expect(humanizeSeconds(seconds)).toBe(text);
  });
});
