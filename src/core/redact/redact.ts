import { applySpans } from "./apply-spans.js";
import { findSecrets } from "./find-secrets.js";
import type { RedactedText, RedactionResult, SecretRule } from "./types.js";

/** Replaces every secret with a marker that keeps a short prefix; all other characters stay as they were. */
export function redact(text: string, rules: readonly SecretRule[]): RedactionResult {
  const spans = findSecrets(text, rules);
  if (spans.length === 0) return { text: text as RedactedText, redactions: [] };
  const { pieces, redactions } = applySpans(text, spans, 0, text.length);
  return { text: pieces.map((p) => p.text).join("") as RedactedText, redactions };
}

/** For text known to hold no secret (our own templates, ids): marks it without scanning. */
export function trustedText(text: string): RedactedText {
  return text as RedactedText;
}
