/**
 * Text that has been through `redact`. The brand makes the choke point a type: storage, logs,
 * renderers and issue reports accept only RedactedText, so unredacted text cannot reach them.
 */
export type RedactedText = string & { readonly __redacted: unique symbol };

/** One secret found and replaced. `preview` keeps a recognisable prefix, e.g. "AIza…[redacted]". */
export interface Redaction {
  /** The rule id, a kebab-case kind such as "google-api-key". */
  kind: string;
  preview: string;
  /** Where to rotate it, when the rule knows. */
  rotate?: string;
  /** Human name of the kind ("Google API key"), for the notice. */
  title?: string;
  /** Plural of `title` when "s" does not make it ("passwords" is fine, "keys (PEM)" is not). */
  titlePlural?: string;
  /** How to rotate when a URL alone does not say it ("send /revoke to @BotFather"). */
  rotateHint?: string;
}

export interface RedactionResult {
  text: RedactedText;
  redactions: Redaction[];
}

/** Gates a keyword-anchored rule applies to the captured value (see secrets.md §1.3). */
export interface ValueChecks {
  minLength?: number;
  /** Needs at least one letter and one digit (trufflehog's KeyIsRandom, gitleaks' word allowlist). */
  letterAndDigit?: boolean;
  /** Shannon entropy in bits per character. */
  minEntropy?: number;
  /** Threshold for pure-hex values: random 32-hex keys measure 3.37–3.59 (secrets.md §3). */
  minEntropyHex?: number;
}

/** What a placeholder or reference looks like: `$KEY`, `<your key>`, `YOUR_API_KEY`, `***`. */
export interface PlaceholderCheck {
  startsWith: string[];
  /** Lower-case fragments; matched case-insensitively. */
  contains: string[];
  /** Lower-case whole values; matched case-insensitively. */
  equals: string[];
  /** Case-sensitive shapes (an ALL_CAPS env-var name, one repeated character). */
  patterns: RegExp[];
}

/** A secret rule compiled from data/secrets.json. */
export interface SecretRule {
  id: string;
  /** Human name of what was found ("Google API key"). */
  title: string;
  /**
   * Global, `d`-flagged pattern. Group `secret` is the span replaced (the whole match without it);
   * group `keep`, when it starts the secret, is the prefix shown instead of `keepPrefix`
   * characters; group `name` (or `prefix` + `keyword` + `suffix`, for keyword-first patterns) is
   * the keyword name a generic rule anchored on.
   */
  pattern: RegExp;
  /** Characters of the secret kept before the marker. */
  keepPrefix: number;
  rotate?: string;
  /**
   * Lower-case literals, one of which every match contains (gitleaks' keyword prefilter): a text
   * holding none of them is not scanned by this rule. Absent means always scan.
   */
  keywords?: string[];
  titlePlural?: string;
  rotateHint?: string;
  /** Values that match any of these are documentation examples, not secrets (`AKIA…EXAMPLE`). */
  allow?: RegExp[];
  /** Names (see `pattern`) that never hold a secret: `public_key`, `nextPageToken`, `token_type`. */
  denyNames?: RegExp;
  placeholders?: PlaceholderCheck;
  checks?: ValueChecks;
}

/** A source range inside a secret that is presentation (a colour code, a wrapped line's break). */
export interface Hole {
  start: number;
  end: number;
}

/** A secret located in a text: `[start, end)` is replaced, its first `keep` characters stay. */
export interface SecretSpan {
  start: number;
  end: number;
  keep: number;
  rule: SecretRule;
  /**
   * Presentation the secret was cut by, written back after the marker so a box keeps its
   * borders and a log its line breaks: sorted, disjoint, inside `[start + keep, end)`.
   */
  holes?: readonly Hole[];
}

/** A piece of redacted output: either source text kept as it was, or a marker we inserted. */
export interface RedactedPiece {
  text: string;
  inserted: boolean;
}

/**
 * A piece of presentation found in a text (`presentation.ts`): a source range and what it reads
 * as in the normalised view.
 */
export interface Edit {
  start: number;
  end: number;
  /** What the range reads as once the presentation is taken away. */
  out: string;
  /**
   * Presentation only (a colour, a line break, a border): inside a secret it stays in the output.
   * The other edits encode characters of the text itself, so inside a secret they go with it.
   */
  drop: boolean;
  /** Layout inside an escape a wrap cut through: presentation, which stays like a drop edit. */
  inner?: Edit[];
}
