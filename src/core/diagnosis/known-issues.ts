import type { KnownIssue } from "../../knowledge/schema.js";

export type VersionMatch = "affected" | "fixed" | "unknown";

export interface KnownIssueMatch {
  issue: KnownIssue;
  versionMatch: VersionMatch;
}

/** A parsed OpenClaw version: YYYY.M.D, then a pre-release (-beta.N) or a re-release (-N). */
interface Version {
  parts: [number, number, number];
  /** < 0: a pre-release (beta, alpha, rc); 0: the release; > 0: a re-release "-N". */
  rank: number;
  /** The pre-release's own number (beta.3 → 3), for ordering betas. */
  pre: number;
}

const VERSION = /^v?(\d{4})\.(\d{1,2})\.(\d{1,2})(?:-(?:(alpha|beta|rc)\.?(\d+)?|(\d+)))?$/iu;
const PRE_RANK: Record<string, number> = { alpha: -3, beta: -2, rc: -1 };

export function parseVersion(text: string): Version | null {
  const m = VERSION.exec(text.trim());
  if (!m) return null;
  const parts: [number, number, number] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (m[4]) return { parts, rank: PRE_RANK[m[4].toLowerCase()] ?? -2, pre: Number(m[5] ?? 0) };
  if (m[6]) return { parts, rank: Number(m[6]), pre: 0 };
  return { parts, rank: 0, pre: 0 };
}

/**
 * Orders OpenClaw versions numerically (2026.2.24 < 2026.10.1). A `-beta.N` comes before its
 * release; a plain `-N` suffix is a re-publish of the same date and comes after it.
 * Null when either side is not a version.
 */
export function compareVersions(a: string, b: string): number | null {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return null;
  for (let i = 0; i < 3; i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.rank !== y.rank) return Math.sign(x.rank - y.rank);
  return Math.sign(x.pre - y.pre);
}

/** All conditions hold: a marker is present, or for "!marker" absent. */
function conditionsHold(when: readonly string[], markers: ReadonlySet<string>): boolean {
  return when.every((c) => (c.startsWith("!") ? !markers.has(c.slice(1)) : markers.has(c)));
}

/**
 * Where the user's version falls: "fixed" at or after fixedIn, "affected" inside the range,
 * "unknown" without a (readable) version or when the data gives no fix for it to be judged
 * against; null when the version predates the issue (it does not apply).
 */
function versionMatch(issue: KnownIssue, version: string | null): VersionMatch | null {
  if (version === null || parseVersion(version) === null) return "unknown";
  const { from, fixedIn } = issue.affected;
  if (from !== null) {
    const before = compareVersions(version, from);
    if (before !== null && before < 0) return null;
  }
  if (fixedIn !== null) {
    const after = compareVersions(version, fixedIn);
    if (after === null) return "unknown";
    return after >= 0 ? "fixed" : "affected";
  }
  return from !== null ? "affected" : "unknown";
}

const ORDER: Record<VersionMatch, number> = { affected: 0, unknown: 1, fixed: 2 };

/**
 * Known issues whose conditions hold for the thread's markers, with how the user's version
 * relates to each: affected first, then unknown, then fixed (the data's order within each).
 */
export function matchKnownIssues(
  markers: ReadonlySet<string>,
  toolVersion: string | null,
  issues: KnownIssue[],
): KnownIssueMatch[] {
  const out: KnownIssueMatch[] = [];
  for (const issue of issues) {
    if (!conditionsHold(issue.when, markers)) continue;
    const match = versionMatch(issue, toolVersion);
    if (match !== null) out.push({ issue, versionMatch: match });
  }
  return out
    .map((m, i) => ({ m, i }))
    .sort((a, b) => ORDER[a.m.versionMatch] - ORDER[b.m.versionMatch] || a.i - b.i)
    .map(({ m }) => m);
}
