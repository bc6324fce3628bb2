import type { Knowledge } from "../../knowledge/knowledge.js";
import type { Analysis } from "../analyze.js";
import { holds } from "../diagnosis/markers.js";
import type { KnownIssueLink } from "./types.js";
import { compareVersions } from "./version-range.js";

function affects(
  affected: { from: string | null; fixedIn: string | null },
  version: string | null,
) {
  // Without a version the issue may apply; the report says which version to check.
  if (!version) return true;
  if (affected.from && compareVersions(version, affected.from) < 0) return false;
  if (affected.fixedIn && compareVersions(version, affected.fixedIn) >= 0) return false;
  return true;
}

/** Known issues of the thread's tool whose conditions all hold and whose range covers its version. */
export function matchKnownIssues(analysis: Analysis, kb: Knowledge): KnownIssueLink[] {
  const tool = analysis.facts.tool;
  if (!tool) return [];
  return kb.knownIssues
    .filter((k) => k.tool === tool.id)
    .filter((k) => k.when.every((c) => holds(c, analysis.verdict.markers)))
    .filter((k) => affects(k.affected, tool.version))
    .map((k) => ({ id: k.id, title: k.title, url: k.url }));
}

/** Whether the bot should offer to draft an issue: a tool bug, a hidden provider change, a known issue. */
export function shouldOfferIssue(analysis: Analysis, knownIssues: readonly KnownIssueLink[]) {
  // An incident's provider_incident is the cluster's: its one tracker issue speaks for it.
  const c = analysis.incident ? analysis.verdict.underlyingClass : analysis.verdict.errorClass;
  return c === "client_bug" || c === "provider_incident" || knownIssues.length > 0;
}
