import { describe, expect, it } from "vitest";
import {
  describeSignature,
  incidentSignature,
  modelFamily,
  signatureKey,
  versionBucket,
} from "../../../src/core/incidents/signature.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { triage } from "../../../src/triage.js";

const kb = loadKnowledge();
const AT = new Date("2026-05-01T12:00:00Z");
const EXHAUSTED =
  'HTTP 429 {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}';

function reportOf(text: string) {
  return triage({ messages: [{ author: "alice", role: "reporter", content: text }] }, kb, AT)
    .report;
}

describe("incident signatures", () => {
  it("groups dated and preview snapshots of a model into one family", () => {
    expect(modelFamily("gemini-2.5-flash-preview-05-20")).toBe("gemini-2.5-flash");
    expect(modelFamily("google/gemini-2.5-flash-001")).toBe("gemini-2.5-flash");
    expect(modelFamily("claude-sonnet-4-5-20250929")).toBe("claude-sonnet-4-5");
    expect(modelFamily(null)).toBeNull();
  });

  it("buckets tool versions by their first two parts", () => {
    expect(versionBucket("2026.2.24")).toBe("2026.2");
    expect(versionBucket("v1.4.0-beta.2")).toBe("1.4");
    expect(versionBucket(null)).toBeNull();
  });

  it("takes provider, family, class, matched signature and tool version from a verdict", () => {
    const report = reportOf(`openclaw 2026.2.24 with gemini-2.5-flash: ${EXHAUSTED}`);
    const signature = incidentSignature(report);
    expect(signature).toMatchObject({
      provider: "google",
      modelFamily: "gemini-2.5-flash",
      tool: "openclaw",
      versionBucket: "2026.2",
    });
    expect(signature?.signatureId).not.toBeNull();
    if (!signature) return;
    expect(signatureKey(signature)).toContain("google|gemini-2.5-flash|");
    expect(describeSignature(signature)).toMatch(
      /^google gemini-2\.5-flash · .+ · openclaw 2026\.2$/,
    );
  });

  it("gives a bare plea for help no signature: it must not join a cluster", () => {
    expect(incidentSignature(reportOf("rate limit again, help"))).toBeNull();
  });

  it("keeps another tool version apart", () => {
    const a = incidentSignature(reportOf(`openclaw 2026.2.24 with gemini-2.5-flash: ${EXHAUSTED}`));
    const b = incidentSignature(reportOf(`openclaw 2026.3.1 with gemini-2.5-flash: ${EXHAUSTED}`));
    expect(a && b && signatureKey(a) !== signatureKey(b)).toBe(true);
  });
});
