import { requiredLiterals } from "../core/evidence/required-literals.js";
import type { SecretRule } from "../core/redact/types.js";
import type { CompiledClaim, Knowledge } from "./knowledge.js";
import { KnowledgeError } from "./knowledge-error.js";
import type {
  Claim,
  ClassInfo,
  Experiment,
  Hypothesis,
  KnownIssue,
  Language,
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
import { buildSecretRules, type SecretRulesBody } from "./secret-rules-build.js";

/**
 * The knowledge after zod and before its patterns are compiled: plain JSON, so the CLI bundle can
 * keep it in a snapshot and skip zod at run time. This module loads no zod.
 */
export interface ValidatedKnowledge {
  /** The files of each kind, comma-joined, for error messages. */
  files: Record<
    "signatures" | "providers" | "tools" | "experiments" | "signals" | "languages",
    string
  >;
  signatures: Signature[];
  providers: Provider[];
  tools: Tool[];
  experiments: Experiment[];
  signals: Signal[];
  /** One lexicon per file; the file's name is the language. */
  claims: Array<{ file: string; language: string; claims: Claim[] }>;
  languages: Language[];
  retryCues: RetryCue[];
  hypotheses: Hypothesis[];
  questions: Question[];
  mitigations: Mitigation[];
  tiers: TierTable[];
  prices: PriceTable[];
  knownIssues: KnownIssue[];
  classes: ClassInfo[];
  secrets: Array<{ file: string; body: SecretRulesBody }>;
  prompts: Record<string, string>;
  translations: Record<string, Translation>;
}

export function compilePattern(file: string, where: string, source: string): RegExp {
  try {
    // The unicode flag makes case-insensitive matching several times slower: only where needed.
    return new RegExp(source, /[\u0080-\uffff]|\\p\{|\\u\{/.test(source) ? "iu" : "i");
  } catch (error) {
    throw new KnowledgeError(file, where, `bad regular expression: ${(error as Error).message}`);
  }
}

function compileList(
  file: string,
  where: string,
  sources: readonly string[] | undefined,
): RegExp[] {
  return (sources ?? []).map((s, i) => compilePattern(file, `${where}[${i}]`, s));
}

/**
 * Sets each field of `target` from its maker: now, or (lazy) on first read, after which it is a
 * plain value. A one-shot CLI run then compiles only the patterns it reads: a thread in English
 * never compiles the other languages' lexicons.
 */
function withFields<T extends object, F extends Record<string, unknown>>(
  target: T,
  makers: { [K in keyof F]: () => F[K] },
  lazy: boolean,
): Omit<T, keyof F> & F {
  for (const [key, make] of Object.entries(makers) as Array<[string, () => unknown]>) {
    if (!lazy) {
      (target as Record<string, unknown>)[key] = make();
      continue;
    }
    Object.defineProperty(target, key, {
      configurable: true,
      enumerable: true,
      get() {
        const value = make();
        Object.defineProperty(target, key, { value, ...PLAIN });
        return value;
      },
    });
  }
  return target as unknown as Omit<T, keyof F> & F;
}

const PLAIN = { writable: true, enumerable: true, configurable: true } as const;

/** `sources[i]` compiled on first request, once: a lazy load compiles only what a text needs. */
function onePatternAt(file: string, where: string, sources: readonly string[]) {
  const compiled: RegExp[] = [];
  return (i: number): RegExp =>
    (compiled[i] ??= compilePattern(file, `${where}[${i}]`, sources[i] ?? ""));
}

function compileClaims(
  lexicons: ValidatedKnowledge["claims"],
  lazy: boolean,
  literalsOf: (source: string) => string[] | null,
): CompiledClaim[] {
  return lexicons.flatMap(({ file, language, claims }) =>
    claims.map((c) => {
      const patternAt = onePatternAt(file, `${c.id}.patterns`, c.patterns);
      return withFields(
        { id: c.id, kind: c.id.split("=")[0] ?? c.id, language, patternAt },
        {
          patterns: () => c.patterns.map((_, i) => patternAt(i)),
          needs: () => c.patterns.map(literalsOf),
        },
        lazy,
      );
    }),
  );
}

export interface CompileOptions {
  /**
   * Compile each pattern list on first read instead of now. Only for knowledge whose patterns are
   * known to compile (a snapshot checked when it was built): a bad pattern would throw late.
   */
  lazy?: boolean;
  /** `requiredLiterals` of pattern sources, worked out beforehand (a snapshot keeps them). */
  literals?: ReadonlyMap<string, string[] | null>;
}

/** The sources whose required literals the engine asks for: claims', signatures', signals'. */
export function gatedSources(v: ValidatedKnowledge): string[] {
  return [
    ...v.claims.flatMap((l) => l.claims.flatMap((c) => c.patterns)),
    ...v.signatures.flatMap((s) => [...(s.all ?? []), ...(s.any ?? [])]),
    ...v.signals.flatMap((s) => s.patterns),
  ];
}

/** Compiles the patterns of validated knowledge; throws KnowledgeError naming file and path. */
export function compileValidated(v: ValidatedKnowledge, options: CompileOptions = {}): Knowledge {
  const lazy = options.lazy ?? false;
  const known = options.literals;
  // Skipping patterns pays where compiling them is most of the work: a one-shot, lazy load. An
  // eager load (the bot, which compiles each pattern once for its lifetime) skips none: null
  // promises no literal, so every pattern runs as it always has.
  const literalsOf = (source: string): string[] | null =>
    !lazy ? null : known?.has(source) ? (known.get(source) ?? null) : requiredLiterals(source);
  const f = v.files;
  return {
    signatures: v.signatures.map((s) =>
      withFields(
        { ...s },
        {
          all: () => compileList(f.signatures, `${s.id}.all`, s.all),
          any: () => compileList(f.signatures, `${s.id}.any`, s.any),
          none: () => compileList(f.signatures, `${s.id}.none`, s.none),
          extract: () => compileList(f.signatures, `${s.id}.extract`, s.extract),
          needs: () => ({
            all: (s.all ?? []).map(literalsOf),
            any: (s.any ?? []).map(literalsOf),
          }),
        },
        lazy,
      ),
    ),
    providers: v.providers.map((p) =>
      withFields(
        { ...p },
        {
          names: () => compileList(f.providers, `${p.id}.names`, p.names),
          models: () => compileList(f.providers, `${p.id}.models`, p.models),
        },
        lazy,
      ),
    ),
    tools: v.tools.map((t) =>
      withFields(
        { ...t },
        {
          markers: () =>
            t.markers.map((m, i) => ({
              strength: m.strength,
              pattern: compilePattern(f.tools, `${t.id}.markers[${i}]`, m.pattern),
            })),
          versionPatterns: () => compileList(f.tools, `${t.id}.versionPatterns`, t.versionPatterns),
          rewrites: () =>
            t.rewrites.map((r, i) => ({
              reason: r.reason,
              pattern: compilePattern(f.tools, `${t.id}.rewrites[${i}]`, r.pattern),
            })),
        },
        lazy,
      ),
    ),
    experiments: v.experiments.map((e) =>
      withFields(
        { ...e },
        {
          action: () => compileList(f.experiments, `${e.id}.action`, e.action),
          outcomes: () => ({
            helped: compileList(f.experiments, `${e.id}.outcomes.helped`, e.outcomes.helped),
            no_effect: compileList(
              f.experiments,
              `${e.id}.outcomes.no_effect`,
              e.outcomes.no_effect,
            ),
            works: compileList(f.experiments, `${e.id}.outcomes.works`, e.outcomes.works),
            fails: compileList(f.experiments, `${e.id}.outcomes.fails`, e.outcomes.fails),
          }),
        },
        lazy,
      ),
    ),
    signals: v.signals.map((s) => {
      const patternAt = onePatternAt(f.signals, `${s.id}.patterns`, s.patterns);
      return withFields(
        { ...s, patternAt },
        {
          patterns: () => s.patterns.map((_, i) => patternAt(i)),
          needs: () => s.patterns.map(literalsOf),
        },
        lazy,
      );
    }),
    claims: compileClaims(v.claims, lazy, literalsOf),
    languages: v.languages.map((l) => ({
      id: l.id,
      name: l.name,
      detect: l.detect ? compilePattern(f.languages, `${l.id}.detect`, l.detect) : null,
      common: l.common ? compilePattern(f.languages, `${l.id}.common`, l.common) : null,
    })),
    retryCues: v.retryCues,
    hypotheses: v.hypotheses,
    questions: v.questions,
    mitigations: v.mitigations,
    tiers: v.tiers,
    prices: v.prices,
    knownIssues: v.knownIssues,
    classes: v.classes,
    secretRules: v.secrets.flatMap(({ file, body }): SecretRule[] => buildSecretRules(file, body)),
    prompts: v.prompts,
    translations: v.translations,
  };
}
