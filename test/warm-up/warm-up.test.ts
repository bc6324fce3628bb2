import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { warmUp, warmUpRedaction } from "../../src/warm-up/warm-up.js";

describe("warmUp", () => {
  it("takes every sample post down the reply path, in a store thrown away after", async () => {
    const warm = await warmUp(loadKnowledge(), 2);
    expect(warm.posts).toBe(10);
    expect(warm.replied).toBe(warm.posts);
    expect(warm.ms).toBeGreaterThan(0);
  });

  it("runs the redaction the ack path uses on every sample post, each round", () => {
    const seen: string[] = [];
    warmUpRedaction((text) => seen.push(text), 2);
    expect(seen.length).toBe(10);
    expect(new Set(seen).size).toBe(5);
    expect(seen.some((t) => t.includes("429"))).toBe(true);
  });
});
