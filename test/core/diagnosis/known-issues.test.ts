import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareVersions,
  matchKnownIssues,
  parseVersion,
} from "../../../src/core/diagnosis/known-issues.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import type { KnownIssue } from "../../../src/knowledge/schema.js";

function issue(
  id: string,
  when: string[],
  from: string | null,
  fixedIn: string | null,
): KnownIssue {
  return {
    id,
    tool: "openclaw",
    title: id,
    url: `https://github.com/openclaw/openclaw/issues/${id.length}`,
    affected: { from, fixedIn },
    when,
    says: id,
  };
}

describe("compareVersions", () => {
  it("orders by number, not by text", () => {
    expect(compareVersions("2026.2.24", "2026.10.1")).toBe(-1);
    expect(compareVersions("2026.10.1", "2026.9.6")).toBe(1);
    expect(compareVersions("2026.9.6", "2026.9.6")).toBe(0);
    expect(compareVersions("2025.12.31", "2026.1.1")).toBe(-1);
  });

  it("puts betas before their release and re-releases after it", () => {
    expect(compareVersions("2026.3.1-beta.2", "2026.3.1")).toBe(-1);
    expect(compareVersions("2026.3.1-beta.2", "2026.3.1-beta.10")).toBe(-1);
    expect(compareVersions("2026.3.1-1", "2026.3.1")).toBe(1);
    expect(compareVersions("2026.3.1-beta.9", "2026.2.28")).toBe(1);
    expect(compareVersions("v2026.3.1", "2026.3.1")).toBe(0);
  });

  it("returns null for anything that is not a version", () => {
    expect(compareVersions("latest", "2026.3.1")).toBeNull();
    expect(parseVersion("1.2.3")).toBeNull();
  });

  it("is an order: antisymmetric and transitive (property)", () => {
    const version = fc
      .tuple(
        fc.integer({ min: 2025, max: 2027 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.constantFrom("", "-beta.1", "-beta.2", "-1", "-2"),
      )
      .map(([y, m, d, s]) => `${y}.${m}.${d}${s}`);
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        expect(compareVersions(a, b)).toBe(-(compareVersions(b, a) ?? 0) || 0);
        const ab = compareVersions(a, b) ?? 0;
        const bc = compareVersions(b, c) ?? 0;
        if (ab <= 0 && bc <= 0) expect(compareVersions(a, c)).toBeLessThanOrEqual(0);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe("matchKnownIssues", () => {
  const issues = [
    issue("fixed-later", ["tool:openclaw", "signal:x"], "2026.1.1", "2026.5.1"),
    issue("open-ended", ["tool:openclaw", "signal:x"], "2026.3.1", null),
    issue("unknown-range", ["tool:openclaw", "signal:x"], null, null),
    issue("negated", ["tool:openclaw", "!evidence:provider_error"], null, "2026.4.1"),
    issue("needs-y", ["tool:openclaw", "signal:y"], null, null),
  ];
  const markers = new Set(["tool:openclaw", "signal:x"]);

  it("matches when every condition holds, with negations", () => {
    const ids = matchKnownIssues(markers, null, issues).map((m) => m.issue.id);
    expect(ids).toEqual(["fixed-later", "open-ended", "unknown-range", "negated"]);
    const withError = new Set([...markers, "evidence:provider_error"]);
    expect(matchKnownIssues(withError, null, issues).map((m) => m.issue.id)).not.toContain(
      "negated",
    );
  });

  it("says affected, fixed or unknown from the user's version, affected first", () => {
    const result = matchKnownIssues(markers, "2026.4.1", issues);
    expect(result.map((m) => [m.issue.id, m.versionMatch])).toEqual([
      ["fixed-later", "affected"],
      ["open-ended", "affected"],
      ["unknown-range", "unknown"],
      ["negated", "fixed"],
    ]);
  });

  it("drops an issue the version predates, and counts fixedIn itself as fixed", () => {
    const early = matchKnownIssues(markers, "2026.2.24", issues).map((m) => [
      m.issue.id,
      m.versionMatch,
    ]);
    expect(early).toContainEqual(["fixed-later", "affected"]);
    expect(early.map(([id]) => id)).not.toContain("open-ended");
    const atFix = matchKnownIssues(markers, "2026.5.1", issues);
    expect(atFix.find((m) => m.issue.id === "fixed-later")?.versionMatch).toBe("fixed");
    const beta = matchKnownIssues(markers, "2026.5.1-beta.1", issues);
    expect(beta.find((m) => m.issue.id === "fixed-later")?.versionMatch).toBe("affected");
  });

  it("treats an unreadable version as unknown", () => {
    expect(matchKnownIssues(markers, "dev build", issues)[0]?.versionMatch).toBe("unknown");
  });
});

describe("data/known-issues.json", () => {
  const kb = loadKnowledge();

  it("loads, links OpenClaw issues or source, and uses only the marker vocabulary", () => {
    expect(kb.knownIssues.length).toBeGreaterThanOrEqual(10);
    for (const i of kb.knownIssues) {
      expect(i.tool).toBe("openclaw");
      expect(i.url).toMatch(
        /^https:\/\/github\.com\/openclaw\/openclaw\/(?:issues|pull)\/\d+$|^https:\/\/github\.com\/openclaw\/openclaw\/blob\/eb377ac\//,
      );
      for (const c of i.when)
        expect(c).toMatch(
          /^!?(?:tool|provider|class|signature|evidence|signal|probe|rewritten|cooldown|experiment):/,
        );
      for (const v of [i.affected.from, i.affected.fixedIn])
        if (v !== null) expect(parseVersion(v)).not.toBeNull();
    }
  });

  it("names the issues from the references", () => {
    const urls = kb.knownIssues.map((i) => i.url);
    for (const n of [
      "issues/5240",
      "issues/22294",
      "issues/23996",
      "issues/23516",
      "issues/10670",
      "issues/35287",
      "issues/91659",
      "issues/128158",
      "pull/42411",
    ])
      expect(urls.some((u) => u.endsWith(n))).toBe(true);
  });

  it("a Google 429 trace with same-model retries matches the retry-hint issue", () => {
    const markers = new Set([
      "tool:openclaw",
      "provider:google",
      "signal:same_model_retries",
      "signal:google_native_retries",
    ]);
    const ids = matchKnownIssues(markers, "2026.9.6", kb.knownIssues).map((m) => m.issue.id);
    expect(ids).toContain("openclaw-google-retry-hints-ignored");
  });

  it("a probe reporting an overload as rate_limit matches #22294", () => {
    const markers = new Set([
      "tool:openclaw",
      "probe:rate_limit",
      "signal:overloaded_counted_as_rate_limit",
    ]);
    const [first] = matchKnownIssues(markers, "2026.9.6", kb.knownIssues);
    expect(first?.issue.url).toBe("https://github.com/openclaw/openclaw/issues/22294");
  });
});
