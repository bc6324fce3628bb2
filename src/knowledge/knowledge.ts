import type { SecretRule } from "../core/redact/types.js";
import type {
  ClassInfo,
  Experiment,
  Hypothesis,
  KnownIssue,
  Mitigation,
  PriceTable,
  Provider,
  Question,
  RetryCue,
  Signal,
  Signature,
  TierTable,
  Tool,
  Translation,
} from "./schema.js";

/** A pattern compiled once at load. */
export type Compiled<T, K extends keyof T> = Omit<T, K> & { [P in K]: RegExp[] };

export interface CompiledSignature extends Omit<Signature, "all" | "any" | "none" | "extract"> {
  all: RegExp[];
  any: RegExp[];
  none: RegExp[];
  extract: RegExp[];
  /** Literals of `all` and `any`, as CompiledClaim's `needs`: a text lacking them cannot match. */
  needs?: { all: Array<string[] | null>; any: Array<string[] | null> };
}

export interface CompiledProvider extends Omit<Provider, "names" | "models"> {
  names: RegExp[];
  models: RegExp[];
}

export interface CompiledTool extends Omit<Tool, "markers" | "versionPatterns" | "rewrites"> {
  markers: Array<{ pattern: RegExp; strength: number }>;
  versionPatterns: RegExp[];
  rewrites: Array<{ pattern: RegExp; reason: string | null }>;
}

export interface CompiledExperiment extends Omit<Experiment, "action" | "outcomes"> {
  action: RegExp[];
  outcomes: Record<"helped" | "no_effect" | "works" | "fails", RegExp[]>;
}

export interface CompiledSignal extends Omit<Signal, "patterns"> {
  patterns: RegExp[];
  /** As CompiledClaim's: per pattern, literals a text must hold for it to match. */
  needs?: Array<string[] | null>;
  /** `patterns[i]`, compiled alone when the knowledge compiles lazily. */
  patternAt?: (i: number) => RegExp;
}

/** A claim of one language's lexicon, compiled; the language is its file's name. */
export interface CompiledClaim {
  id: string;
  kind: string;
  language: string;
  patterns: RegExp[];
  /**
   * Per pattern, lower-case literals of which a match holds one (null: no such promise); a text
   * (lower-cased by `literalHaystack`) with none of them skips the pattern. Absent: no skipping.
   */
  needs?: Array<string[] | null>;
  /** `patterns[i]`, compiled alone when the knowledge compiles lazily. */
  patternAt?: (i: number) => RegExp;
}

/** A language and the cheap test that gates its lexicon. */
export interface CompiledLanguage {
  id: string;
  name: string;
  detect: RegExp | null;
  common: RegExp | null;
}

/** Everything the engine knows, validated and compiled; built by `loadKnowledge` or `compileKnowledge`. */
export interface Knowledge {
  providers: CompiledProvider[];
  signatures: CompiledSignature[];
  tools: CompiledTool[];
  hypotheses: Hypothesis[];
  experiments: CompiledExperiment[];
  signals: CompiledSignal[];
  /** Claim lexicons of every language (data/claims/*.json). */
  claims: CompiledClaim[];
  /** Languages of the lexicons (data/languages.json). */
  languages: CompiledLanguage[];
  /** Whether retrying helps, cue by cue in precedence order (data/retry-cues.json). */
  retryCues: RetryCue[];
  questions: Question[];
  mitigations: Mitigation[];
  tiers: TierTable[];
  /** List prices per provider and model (data/prices.json). */
  prices: PriceTable[];
  knownIssues: KnownIssue[];
  classes: ClassInfo[];
  /** Redaction rules from data/secrets.json. */
  secretRules: SecretRule[];
  /**
   * Message templates from prompts/, by file name without extension; another language's from
   * prompts/<lang>/, as "<lang>/<name>".
   */
  prompts: Record<string, string>;
  /** Reply languages' words (data/i18n/<lang>.json), by language id; English included. */
  translations: Record<string, Translation>;
}
