import { describe, expect, it } from "vitest";
import { matchMitigation } from "../../src/conversation/mitigation-match.js";
import type { MitigationAdvice } from "../../src/core/mitigations.js";

const offered = [
  { id: "wait-for-reset", title: "Wait for the window to reset", snippet: "", why: "" },
  { id: "enable-billing", title: "Enable billing on the key's project", snippet: "", why: "" },
  { id: "switch-model", title: "Switch to another model", snippet: "", why: "" },
  { id: "fallback-model", title: "Add a fallback model on another provider", snippet: "", why: "" },
] as MitigationAdvice[];

describe("matchMitigation", () => {
  it("by number, id or the best title", () => {
    expect(matchMitigation("#2", offered)?.id).toBe("enable-billing");
    expect(matchMitigation("option 4 did it", offered)?.id).toBe("fallback-model");
    expect(matchMitigation("3", offered)?.id).toBe("switch-model");
    expect(matchMitigation("used switch-model", offered)?.id).toBe("switch-model");
    expect(matchMitigation("switching models fixed it", offered)?.id).toBe("switch-model");
    expect(matchMitigation("billing was the answer", offered)?.id).toBe("enable-billing");
  });

  it("nothing when unclear", () => {
    expect(matchMitigation("it just started working", offered)).toBeNull();
    expect(matchMitigation("#9", offered)).toBeNull();
    expect(matchMitigation("the model", offered)).toBeNull();
  });
});
