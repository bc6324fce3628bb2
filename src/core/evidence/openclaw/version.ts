import type { Extractor } from "../extractor.js";
import type { Evidence, ToolVersionEvidence } from "../types.js";
import { lineAt, sourceAt } from "./signals.js";

/** YYYY.M.D with an optional -beta.N or -N (formats.md §3). */
const VERSION = String.raw`20\d\d\.\d{1,2}\.\d{1,2}(?:-[0-9A-Za-z.]+)?`;
const COMMIT = "[0-9a-f]{7,40}";

/**
 * Where a version shows up: `openclaw --version` ("OpenClaw 2026.9.6 (eb377ac)"), the `--help`
 * and `/status` banners, older names (clawdbot, moltbot), `status --all`'s Overview table,
 * `status --json`'s runtimeVersion, prose ("openclaw version 2026.3.1"), and the issue form.
 */
const PATTERNS: RegExp[] = [
  new RegExp(
    String.raw`\b(?:open\s?claw|clawdbot|moltbot)(?:\s+--version)?[^\w\n]{0,6}(?:version[^\w\n]{0,4})?v?(${VERSION})(?:\s+\((${COMMIT})\))?`,
    "giu",
  ),
  new RegExp(String.raw`│\s*Version\s*│\s*(${VERSION})\s*│`, "gu"),
  new RegExp(String.raw`"runtimeVersion"\s*:\s*"(${VERSION})"`, "gu"),
  new RegExp(String.raw`###\s*OpenClaw version\s*\n+\s*v?(${VERSION})`, "giu"),
];

/** A bare version line (`2026.2.24`) counts only when the text runs `--version` or names the tool. */
const BARE = new RegExp(
  String.raw`^[\s>$\x60]*v?(${VERSION})(?:\s+\((${COMMIT})\))?\s*\x60*$`,
  "gmu",
);
const CONTEXT = /--version|\bopen\s?claw\b|\bclawdbot\b|\bmoltbot\b/i;

export const openclawVersionExtractor: Extractor = (text, ctx) => {
  // One evidence per version; a sighting with the commit beats one without.
  const found = new Map<string, { commit: string | null; index: number }>();
  const add = (version: string, commit: string | undefined, index: number) => {
    const known = found.get(version);
    if (!known || (known.commit === null && commit))
      found.set(version, { commit: commit ?? null, index: known?.index ?? index });
  };
  for (const pattern of PATTERNS) {
    for (const m of text.matchAll(pattern)) if (m[1]) add(m[1], m[2], m.index ?? 0);
  }
  if (found.size === 0 && CONTEXT.test(text)) {
    for (const m of text.matchAll(BARE)) if (m[1]) add(m[1], m[2], m.index ?? 0);
  }
  const out: Evidence[] = [];
  for (const [version, { commit, index }] of found) {
    const evidence: ToolVersionEvidence = {
      kind: "tool_version",
      source: sourceAt(ctx, lineAt(text, index)),
      tool: "openclaw",
      version,
      commit,
    };
    out.push(evidence);
  }
  return out;
};
