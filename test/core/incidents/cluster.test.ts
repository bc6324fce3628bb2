import { describe, expect, it } from "vitest";
import { baselinePerHour, evaluateCluster, isQuiet } from "../../../src/core/incidents/cluster.js";
import {
  DEFAULT_INCIDENT_SETTINGS,
  type IncidentRecord,
  type SignatureHit,
} from "../../../src/core/incidents/types.js";

const NOW = new Date("2026-05-01T12:30:00Z");
const settings = { ...DEFAULT_INCIDENT_SETTINGS };

function hit(reporter: string, minutesAgo: number, thread = `t-${reporter}`): SignatureHit {
  return {
    signatureKey: "google|gemini-2.5-flash|unknown|sig|openclaw@2026.2",
    threadKey: thread,
    reporterKey: `console:${reporter}`,
    at: new Date(NOW.getTime() - minutesAgo * 60_000).toISOString(),
  };
}

describe("evaluateCluster", () => {
  it("opens at the N-th distinct reporter inside the window, not before", () => {
    const four = ["a", "b", "c", "d"].map((r, i) => hit(r, 20 - i * 3));
    expect(evaluateCluster(four, NOW, settings).opens).toBe(false);
    const five = [...four, hit("e", 1)];
    const view = evaluateCluster(five, NOW, settings);
    expect(view.opens).toBe(true);
    expect(view.reporters).toBe(5);
    expect(view.explanation).toBe("5 reporters in 20 min; usual: 0.0/h");
    expect(view.threadKeys).toEqual(["t-a", "t-b", "t-c", "t-d", "t-e"]);
  });

  it("counts one person in several threads once", () => {
    const hits = [hit("a", 10, "t1"), hit("a", 9, "t2"), hit("a", 8, "t3"), hit("b", 7)];
    const view = evaluateCluster(hits, NOW, { ...settings, minReporters: 3 });
    expect(view.reporters).toBe(2);
    expect(view.opens).toBe(false);
  });

  it("ignores hits older than the window", () => {
    const hits = ["a", "b", "c", "d"].map((r) => hit(r, 45)).concat(hit("e", 5));
    expect(evaluateCluster(hits, NOW, settings)).toMatchObject({ reporters: 1, opens: false });
  });

  it("stays closed when the signature is usually this busy", () => {
    // Ten reporters an hour for the past week: five in half an hour is the usual rate.
    const history = Array.from({ length: 1680 }, (_, i) => hit(`h${i}`, 31 + i * 6));
    const burst = ["a", "b", "c", "d", "e"].map((r, i) => hit(r, 25 - i * 5));
    const view = evaluateCluster([...history, ...burst], NOW, settings);
    expect(view.reporters).toBe(5);
    expect(view.baselinePerHour).toBeGreaterThan(5);
    expect(view.opens).toBe(false);
    expect(view.explanation).toMatch(/^5 reporters in 25 min; usual: \d+(\.\d)?\/h$/);
  });
});

describe("baselinePerHour", () => {
  it("is the exponentially weighted rate of the hits before the window", () => {
    const start = NOW.getTime();
    const one = [hit("a", 0)];
    one[0] = { ...hit("a", 0), at: new Date(start - 1).toISOString() };
    const tau = settings.baselineHours;
    expect(baselinePerHour(one, start, settings)).toBeCloseTo(1 / tau, 6);
    const older = [{ ...hit("a", 0), at: new Date(start - tau * 3_600_000).toISOString() }];
    expect(baselinePerHour(older, start, settings)).toBeCloseTo(Math.exp(-1) / tau, 6);
  });
});

describe("isQuiet", () => {
  const incident: IncidentRecord = {
    id: "inc-1",
    signatureKey: "k",
    signature: {
      provider: "google",
      modelFamily: null,
      errorClass: "rpm",
      signatureId: null,
      tool: null,
      versionBucket: null,
    },
    openedAt: "2026-05-01T12:00:00.000Z",
    firstSeenAt: "2026-05-01T11:50:00.000Z",
    lastHitAt: "2026-05-01T12:00:00.000Z",
    closedAt: null,
    reporters: 5,
    explanation: "",
    tracker: null,
  };
  it("ends an incident after the quiet period, not a minute before", () => {
    expect(isQuiet(incident, new Date("2026-05-01T12:59:00Z"), settings)).toBe(false);
    expect(isQuiet(incident, new Date("2026-05-01T13:00:00Z"), settings)).toBe(true);
    expect(
      isQuiet({ ...incident, closedAt: "x" }, new Date("2026-05-02T00:00:00Z"), settings),
    ).toBe(false);
  });
});
