import type { TriageReport } from "../report.js";

/**
 * Whether a cluster is the tool's to fix, so its maintainers should get one issue for it: the
 * verdict matched a known issue of the tool, or a tool bug is the verdict or its leading lead.
 */
export function pointsAtTool(report: TriageReport): boolean {
  return (
    report.facts.knownIssues.length > 0 ||
    report.errorClass === "client_bug" ||
    report.hypotheses[0]?.errorClass === "client_bug"
  );
}
