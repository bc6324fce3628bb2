import type { RedactedText, Redaction, RedactionResult, SecretRule } from "./types.js";

/** Replaces every secret with a marker that keeps a short prefix; all other bytes stay as they were. */
export function redact(text: string, rules: readonly SecretRule[]): RedactionResult {
  const redactions: Redaction[] = [];
  let out = text;
  for (const rule of rules) {
    const global = new RegExp(
      rule.pattern.source,
      rule.pattern.flags.includes("g") ? rule.pattern.flags : `${rule.pattern.flags}g`,
    );
    out = out.replace(global, (match: string, ...groups: unknown[]) => {
      const named = groups.at(-1);
      const secret =
        named &&
        typeof named === "object" &&
        "secret" in named &&
        typeof (named as { secret?: unknown }).secret === "string"
          ? (named as { secret: string }).secret
          : match;
      if (secret.includes("[redacted]")) return match;
      const preview = `${secret.slice(0, rule.keepPrefix)}…[redacted]`;
      redactions.push({ kind: rule.id, preview, ...(rule.rotate ? { rotate: rule.rotate } : {}) });
      return match.replace(secret, preview);
    });
  }
  return { text: out as RedactedText, redactions };
}

/** For text known to hold no secret (our own templates, ids): marks it without scanning. */
export function trustedText(text: string): RedactedText {
  return text as RedactedText;
}
