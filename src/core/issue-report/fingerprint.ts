import { createHash } from "node:crypto";
import type { Analysis } from "../analyze.js";
import { modelFamily } from "./model-family.js";
import { versionLine } from "./version-range.js";

/**
 * What makes two reports the same bug, in the spirit of Sentry's grouping: provider, model
 * family, error class, the error's signature and the tool's release line. The id is what the
 * duplicate search looks for, so it is one searchable token.
 */
export interface IssueFingerprint {
  /** "rlt-" and 12 hex digits of a SHA-256 over the parts. */
  id: string;
  provider: string;
  modelFamily: string;
  errorClass: string;
  signature: string;
  versionRange: string;
}

/** The key signature: the matched error signature, else the status and code, else the tool's rewrite. */
function keySignature(analysis: Analysis): string {
  const lead = analysis.verdict.leading;
  if (lead?.signatureId) return lead.signatureId;
  if (lead?.status || lead?.code)
    return [lead.status ?? "", lead.code ?? ""].filter(Boolean).join(":");
  const rewrite = analysis.facts.rewrittenErrors.find((r) => r.reason);
  if (rewrite) return `${rewrite.tool}:${rewrite.reason}`;
  return "none";
}

export function issueFingerprint(analysis: Analysis): IssueFingerprint {
  const { verdict, facts } = analysis;
  const tool = facts.tool;
  const parts = {
    provider: verdict.provider,
    modelFamily: modelFamily(verdict.model ?? facts.model),
    errorClass: verdict.errorClass,
    signature: keySignature(analysis),
    versionRange: tool ? `${tool.id}@${versionLine(tool.version)}` : "any",
  };
  const digest = createHash("sha256")
    .update(
      [
        parts.provider,
        parts.modelFamily,
        parts.errorClass,
        parts.signature,
        parts.versionRange,
      ].join("|"),
    )
    .digest("hex");
  return { id: `rlt-${digest.slice(0, 12)}`, ...parts };
}

/** The parts as a reader sees them: "google · gemini-3-flash · provider_incident · …". */
export function describeFingerprint(fp: IssueFingerprint): string {
  return [fp.provider, fp.modelFamily, fp.errorClass, fp.signature, fp.versionRange].join(" · ");
}

const FINGERPRINT_COMMENT = /<!-- ratelimit-triage:fingerprint=(rlt-[0-9a-f]{12}) -->/;

/** The fingerprint id embedded in an issue or comment body, if any. */
export function fingerprintIn(body: string): string | null {
  return FINGERPRINT_COMMENT.exec(body)?.[1] ?? null;
}
