import { applySpans } from "./apply-spans.js";
import { findSecrets } from "./find-secrets.js";
import type { RedactedPiece, Redaction, SecretRule, SecretSpan } from "./types.js";

export interface StreamRedactorOptions {
  /**
   * Characters held back at the end of the buffer until more input arrives. Must exceed the
   * longest secret a rule can match (a bounded PEM body is 32 KiB), so a secret split across
   * chunks is always seen whole.
   */
  window?: number;
  /** Input gathered beyond the window before scanning again: each character is scanned about (window + step) / step times. */
  step?: number;
  /** Already-written characters kept as left context for look-behinds and keyword names. */
  context?: number;
}

export interface StreamRedactor {
  /** Feeds more text; returns what can be written now. */
  push(chunk: string): RedactedPiece[];
  /** Flushes everything held back. */
  end(): RedactedPiece[];
  /** Every redaction made so far, in order. */
  readonly redactions: readonly Redaction[];
}

const DEFAULTS = { window: 64 * 1024, step: 256 * 1024, context: 1024 };

/**
 * Redacts unbounded input in bounded memory: it holds at most window + step + context
 * characters, and its output equals `redact` on the whole text except for secrets longer
 * than the window (which no rule matches: every quantifier is bounded).
 */
export function createStreamRedactor(
  rules: readonly SecretRule[],
  options: StreamRedactorOptions = {},
): StreamRedactor {
  const { window, step, context } = { ...DEFAULTS, ...options };
  const redactions: Redaction[] = [];
  let text = "";
  /** Characters at the start of `text` that were already written (the left context). */
  let written = 0;

  function flush(final: boolean): RedactedPiece[] {
    const spans = findSecrets(text, rules)
      .filter((s) => s.end > written)
      // A span reaching back into written text can only come from a missing left context; its
      // written part cannot be recalled, so the rest is redacted without a prefix (fail closed).
      .map((s): SecretSpan => (s.start < written ? fromWritten(s, written) : s));
    const cut = cutPoint(spans, final ? text.length : text.length - window, written);
    const ready = spans.filter((s) => s.end <= cut);
    const { pieces, redactions: found } = applySpans(text, ready, written, cut);
    redactions.push(...found);
    const keepFrom = Math.max(0, cut - context);
    text = text.slice(keepFrom);
    written = cut - keepFrom;
    return pieces;
  }

  return {
    push(chunk) {
      text += chunk;
      return text.length - written >= window + step ? flush(false) : [];
    },
    end: () => flush(true),
    redactions,
  };
}

/** The part of a span after the written edge; holes already written stay written. */
function fromWritten(span: SecretSpan, written: number): SecretSpan {
  const holes = span.holes?.filter((h) => h.start >= written);
  return { ...span, start: written, keep: 0, ...(holes ? { holes } : {}) };
}

/** Moves a cut that would split a secret back to the secret's start (spans are disjoint). */
function cutPoint(spans: readonly SecretSpan[], wanted: number, written: number): number {
  const split = spans.find((s) => s.start < wanted && wanted < s.end);
  if (!split) return wanted;
  // Only a merged chain longer than the window can start at the written edge: emit it whole
  // rather than hold unbounded input.
  return split.start > written ? split.start : split.end;
}
