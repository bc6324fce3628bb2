import { basename } from "node:path";
import { z } from "zod";
import type { CompiledClaim, Knowledge } from "./knowledge.js";
import {
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
import { compileSecretRules } from "./secret-rules.js";

/** Raw knowledge files by name (file path → parsed JSON), as read from `data/`. */
export interface RawKnowledge {
  providers: Array<{ file: string; data: unknown }>;
  signatures: Array<{ file: string; data: unknown }>;
  tools: Array<{ file: string; data: unknown }>;
  hypotheses: Array<{ file: string; data: unknown }>;
  experiments: Array<{ file: string; data: unknown }>;
  signals: Array<{ file: string; data: unknown }>;
  claims: Array<{ file: string; data: unknown }>;
  languages: Array<{ file: string; data: unknown }>;
  retryCues: Array<{ file: string; data: unknown }>;
  questions: Array<{ file: string; data: unknown }>;
  mitigations: Array<{ file: string; data: unknown }>;
  tiers: Array<{ file: string; data: unknown }>;
  knownIssues: Array<{ file: string; data: unknown }>;
  classes: Array<{ file: string; data: unknown }>;
  secrets: Array<{ file: string; data: unknown }>;
  /** Reply languages (data/i18n/*.json); optional so older callers still compile. */
  i18n?: Array<{ file: string; data: unknown }>;
  /** data/prices.json; optional so hand-made knowledge in tests needs none. */
  prices?: Array<{ file: string; data: unknown }>;
  prompts: Record<string, string>;
}

/** A knowledge file that does not fit its schema: names the file and the path inside it. */
export class KnowledgeError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    detail: string,
  ) {
    super(`${file}${path ? ` at ${path}` : ""}: ${detail}`);
    this.name = "KnowledgeError";
  }
}

function parseAll<T>(schema: z.ZodType<T>, files: Array<{ file: string; data: unknown }>): T[] {
  const out: T[] = [];
  for (const { file, data } of files) {
    const result = z.array(schema).safeParse(data);
    if (!result.success) {
      const issue = result.error.issues[0];
      const path = issue
        ? issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")
        : "";
      throw new KnowledgeError(file, path, issue?.message ?? "invalid");
    }
    out.push(...result.data);
  }
  return out;
}

function compilePattern(file: string, where: string, source: string): RegExp {
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

function assertUniqueIds(kind: string, items: Array<{ id: string }>): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new KnowledgeError(kind, item.id, "duplicate id");
    seen.add(item.id);
  }
}

/** Each lexicon file is one language's claims; its name (`zh.json`) is the language. */
function compileClaims(files: Array<{ file: string; data: unknown }>): CompiledClaim[] {
  return files.flatMap(({ file, data }) => {
    const language = basename(file, ".json");
    const claims = parseAll(Claim, [{ file, data }]);
    assertUniqueIds(file, claims);
    return claims.map((c) => ({
      id: c.id,
      kind: c.id.split("=")[0] ?? c.id,
      language,
      patterns: compileList(file, `${c.id}.patterns`, c.patterns),
    }));
  });
}

/** Validates raw files with zod and compiles their patterns; throws KnowledgeError naming file and path. */
export function compileKnowledge(raw: RawKnowledge): Knowledge {
  const file = (list: Array<{ file: string }>) => list.map((f) => f.file).join(", ") || "(none)";
  const signatures = parseAll(Signature, raw.signatures);
  const providers = parseAll(Provider, raw.providers);
  const tools = parseAll(Tool, raw.tools);
  const experiments = parseAll(Experiment, raw.experiments);
  const signals = parseAll(Signal, raw.signals);
  const hypotheses = parseAll(Hypothesis, raw.hypotheses);
  const mitigations = parseAll(Mitigation, raw.mitigations);
  const questions = parseAll(Question, raw.questions);
  const knownIssues = parseAll(KnownIssue, raw.knownIssues);
  assertUniqueIds("signatures", signatures);
  assertUniqueIds("hypotheses", hypotheses);
  assertUniqueIds("mitigations", mitigations);
  assertUniqueIds("experiments", experiments);
  assertUniqueIds("signals", signals);
  assertUniqueIds("known issues", knownIssues);

  const sigFile = file(raw.signatures);
  return {
    signatures: signatures.map((s) => ({
      ...s,
      all: compileList(sigFile, `${s.id}.all`, s.all),
      any: compileList(sigFile, `${s.id}.any`, s.any),
      none: compileList(sigFile, `${s.id}.none`, s.none),
      extract: compileList(sigFile, `${s.id}.extract`, s.extract),
    })),
    providers: providers.map((p) => ({
      ...p,
      names: compileList(file(raw.providers), `${p.id}.names`, p.names),
      models: compileList(file(raw.providers), `${p.id}.models`, p.models),
    })),
    tools: tools.map((t) => ({
      ...t,
      markers: t.markers.map((m, i) => ({
        strength: m.strength,
        pattern: compilePattern(file(raw.tools), `${t.id}.markers[${i}]`, m.pattern),
      })),
      versionPatterns: compileList(file(raw.tools), `${t.id}.versionPatterns`, t.versionPatterns),
      rewrites: t.rewrites.map((r, i) => ({
        reason: r.reason,
        pattern: compilePattern(file(raw.tools), `${t.id}.rewrites[${i}]`, r.pattern),
      })),
    })),
    experiments: experiments.map((e) => ({
      ...e,
      action: compileList(file(raw.experiments), `${e.id}.action`, e.action),
      outcomes: {
        helped: compileList(file(raw.experiments), `${e.id}.outcomes.helped`, e.outcomes.helped),
        no_effect: compileList(
          file(raw.experiments),
          `${e.id}.outcomes.no_effect`,
          e.outcomes.no_effect,
        ),
        works: compileList(file(raw.experiments), `${e.id}.outcomes.works`, e.outcomes.works),
        fails: compileList(file(raw.experiments), `${e.id}.outcomes.fails`, e.outcomes.fails),
      },
    })),
    signals: signals.map((s) => ({
      ...s,
      patterns: compileList(file(raw.signals), `${s.id}.patterns`, s.patterns),
    })),
    claims: compileClaims(raw.claims),
    languages: parseAll(Language, raw.languages).map((l) => ({
      id: l.id,
      name: l.name,
      detect: l.detect ? compilePattern(file(raw.languages), `${l.id}.detect`, l.detect) : null,
      common: l.common ? compilePattern(file(raw.languages), `${l.id}.common`, l.common) : null,
    })),
    retryCues: parseAll(RetryCue, raw.retryCues),
    hypotheses,
    questions,
    mitigations,
    tiers: parseAll(TierTable, raw.tiers),
    prices: parseAll(PriceTable, raw.prices ?? []),
    knownIssues,
    classes: parseAll(ClassInfo, raw.classes),
    secretRules: raw.secrets.flatMap(({ file: f, data }) => compileSecretRules(f, data)),
    prompts: raw.prompts,
    translations: Object.fromEntries(
      (raw.i18n ?? []).map((f) => {
        const t = Translation.safeParse(f.data);
        if (!t.success)
          throw new KnowledgeError(f.file, "", t.error.issues[0]?.message ?? "invalid");
        return [t.data.language, t.data];
      }),
    ),
  };
}
