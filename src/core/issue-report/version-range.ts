import { compareVersions as compareOpenclawVersions } from "../diagnosis/known-issues.js";

/**
 * The release line a version belongs to: "2026.2.24" → "2026.2.x", "1.4.2" → "1.4.x". Reports
 * from patch releases of one line group together; a new minor line gets its own issue.
 */
export function versionLine(version: string | null): string {
  if (!version) return "any";
  const parts = version.trim().replace(/^v/i, "").split(/[.+-]/);
  const [major, minor] = parts;
  if (!major || !/^\d+$/.test(major)) return "any";
  return minor && /^\d+$/.test(minor) ? `${major}.${minor}.x` : `${major}.x`;
}

/**
 * Compares versions in the one order the known-issue matcher uses (diagnosis/known-issues.ts:
 * "2026.3.1-beta.2" < "2026.3.1" < "2026.3.1-1"); strings that are not OpenClaw versions fall
 * back to dotted numbers ("2026.2.24" < "2026.10.1"), non-numeric parts counting as 0.
 */
export function compareVersions(a: string, b: string): number {
  const known = compareOpenclawVersions(a, b);
  if (known !== null) return known;
  const pa = a.split(".").map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split(".").map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
