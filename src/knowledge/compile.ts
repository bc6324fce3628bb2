import { basename } from "node:path";
import { z } from "zod";
import { compileValidated, type ValidatedKnowledge } from "./compile-patterns.js";
import type { Knowledge } from "./knowledge.js";
import { KnowledgeError } from "./knowledge-error.js";
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
import { validateSecretRules } from "./secret-rules.js";

export { KnowledgeError };

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

function assertUniqueIds(kind: string, items: Array<{ id: string }>): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new KnowledgeError(kind, item.id, "duplicate id");
    seen.add(item.id);
  }
}

/** Each lexicon file is one language's claims; its name (`zh.json`) is the language. */
function validateClaims(
  files: Array<{ file: string; data: unknown }>,
): ValidatedKnowledge["claims"] {
  return files.map(({ file, data }) => {
    const claims = parseAll(Claim, [{ file, data }]);
    assertUniqueIds(file, claims);
    return { file, language: basename(file, ".json"), claims };
  });
}

/** Checks raw files with zod (shapes, ids); the patterns are compiled by `compileValidated`. */
export function validateKnowledge(raw: RawKnowledge): ValidatedKnowledge {
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
  return {
    files: {
      signatures: file(raw.signatures),
      providers: file(raw.providers),
      tools: file(raw.tools),
      experiments: file(raw.experiments),
      signals: file(raw.signals),
      languages: file(raw.languages),
    },
    signatures,
    providers,
    tools,
    experiments,
    signals,
    claims: validateClaims(raw.claims),
    languages: parseAll(Language, raw.languages),
    retryCues: parseAll(RetryCue, raw.retryCues),
    hypotheses,
    questions,
    mitigations,
    tiers: parseAll(TierTable, raw.tiers),
    prices: parseAll(PriceTable, raw.prices ?? []),
    knownIssues,
    classes: parseAll(ClassInfo, raw.classes),
    secrets: raw.secrets.map(({ file: f, data }) => ({
      file: f,
      body: validateSecretRules(f, data),
    })),
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

/** Validates raw files with zod and compiles their patterns; throws KnowledgeError naming file and path. */
export function compileKnowledge(raw: RawKnowledge): Knowledge {
  return compileValidated(validateKnowledge(raw));
}
