import { createHash } from "node:crypto";
import type { Analysis } from "../core/analyze.js";

/**
 * What a reply would tell the user, reduced to a hash: two analyses with the same fingerprint
 * produce a reply with nothing new, so the bot does not post it again. Likelihood wobbles and
 * signals ("same here") are left out on purpose: they do not change what the user should do.
 */
export function verdictFingerprint(a: Analysis): string {
  const v = a.verdict;
  const material = [
    v.errorClass,
    v.provider,
    v.model,
    v.retryable,
    v.retryAfterSeconds,
    v.resetAt,
    a.missing.map((m) => m.id),
    v.ruledOut.map((r) => r.id),
    a.mitigations.map((m) => m.id),
    v.findings.map((f) => f.id),
    a.facts.tool?.version ?? null,
    a.facts.rawErrors.length,
    a.facts.experiments.map((e) => `${e.id}=${e.outcome}`),
  ];
  return createHash("sha256").update(JSON.stringify(material)).digest("hex").slice(0, 16);
}
