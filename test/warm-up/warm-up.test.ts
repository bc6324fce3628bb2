import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { warmUp } from "../../src/warm-up/warm-up.js";

describe("warmUp", () => {
  it("takes every sample post down the reply path, in a store thrown away after", async () => {
    const warm = await warmUp(loadKnowledge(), 2);
    expect(warm.posts).toBe(10);
    expect(warm.replied).toBe(warm.posts);
    expect(warm.ms).toBeGreaterThan(0);
  });
});
