/**
 * Text that has been through `redact`. The brand makes the choke point a type: storage, logs,
 * renderers and issue reports accept only RedactedText, so unredacted text cannot reach them.
 */
export type RedactedText = string & { readonly __redacted: unique symbol };

/** One secret found and replaced. `preview` keeps a recognisable prefix, e.g. "AIza…[redacted]". */
export interface Redaction {
  kind: string;
  preview: string;
  /** Where to rotate it, when the rule knows. */
  rotate?: string;
}

export interface RedactionResult {
  text: RedactedText;
  redactions: Redaction[];
}

/** A secret rule compiled from data/secrets.json. */
export interface SecretRule {
  id: string;
  /** Human name of what was found ("Google API key"). */
  title: string;
  pattern: RegExp;
  /** Characters of the match kept before the marker. */
  keepPrefix: number;
  rotate?: string;
}
