import { describe, expect, it } from "vitest";
import { ClusterPacing } from "../../../src/conversation/incidents/pacing.js";

/** How many of `events` hits, one a second apart, read the stored hits (the count growing by one each). */
function readsOver(events: number, gapMs = 1): number {
  const pacing = new ClusterPacing();
  let reads = 0;
  for (let i = 0; i < events; i++) {
    if (!pacing.due("sig", i * gapMs)) continue;
    reads++;
    pacing.countedAt("sig", i * gapMs, i + 1);
  }
  return reads;
}

describe("ClusterPacing", () => {
  it("counts a small cluster at every hit, where an incident opens or not", () => {
    expect(readsOver(20)).toBe(20);
  });

  it("counts a large cluster again once it grew by a twentieth, so reads per event stay bounded", () => {
    const reads = readsOver(10_000);
    // Growth by 5% per count: about 20·ln(10000/20) ≈ 125 counts after the first 20.
    expect(reads).toBeGreaterThan(100);
    expect(reads).toBeLessThan(200);
  });

  it("counts again after 30 s of the events' time, however large the cluster", () => {
    const pacing = new ClusterPacing();
    pacing.countedAt("sig", 0, 5_000);
    expect(pacing.due("sig", 10_000)).toBe(false);
    expect(pacing.due("sig", 30_000)).toBe(true);
  });

  it("keeps keys apart", () => {
    const pacing = new ClusterPacing();
    pacing.countedAt("a", 0, 5_000);
    expect(pacing.due("a", 1)).toBe(false);
    expect(pacing.due("b", 1)).toBe(true);
  });
});
