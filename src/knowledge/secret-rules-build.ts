import type { z } from "zod";
import type { PlaceholderCheck, SecretRule } from "../core/redact/types.js";
import type { PlaceholderData, SecretRuleData, SecretRulesFile } from "./secret-rules.js";

/*
 * Compiles validated secret rules. Apart from types it loads no zod, so `redact` can build its
 * rules from the CLI's snapshot without paying for zod.
 */

type RuleData = z.infer<typeof SecretRuleData>;
/** data/secrets.json after validation. */
export type SecretRulesBody = z.infer<typeof SecretRulesFile>;

export function fail(file: string, where: string, message: string): never {
  throw new Error(`${file}${where ? ` at ${where}` : ""}: ${message}`);
}

function regex(file: string, where: string, source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    return fail(file, where, `bad regular expression: ${(error as Error).message}`);
  }
}

function expand(file: string, where: string, source: string, fragments: Record<string, string>) {
  return source.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const fragment = fragments[name];
    return fragment ?? fail(file, where, `unknown fragment {{${name}}}`);
  });
}

function compilePlaceholders(
  file: string,
  data: z.infer<typeof PlaceholderData>,
): PlaceholderCheck {
  return {
    startsWith: data.startsWith,
    contains: data.contains.map((s) => s.toLowerCase()),
    equals: data.equals.map((s) => s.toLowerCase()),
    patterns: data.patterns.map((p, i) => regex(file, `placeholders.patterns[${i}]`, p, "u")),
  };
}

function compileRule(
  file: string,
  where: string,
  rule: RuleData,
  fragments: Record<string, string>,
  placeholders: PlaceholderCheck | undefined,
): SecretRule[] {
  if (rule.placeholders && !placeholders)
    fail(file, `${where}.placeholders`, "the file defines no placeholder check");
  const flags = `dgu${rule.flags ?? ""}`;
  const shared = {
    id: rule.id,
    title: rule.title,
    keepPrefix: rule.keepPrefix,
    ...(rule.rotate ? { rotate: rule.rotate } : {}),
    ...(rule.keywords ? { keywords: rule.keywords } : {}),
    ...(rule.titlePlural ? { titlePlural: rule.titlePlural } : {}),
    ...(rule.rotateHint ? { rotateHint: rule.rotateHint } : {}),
    ...(rule.allow
      ? { allow: rule.allow.map((a, i) => regex(file, `${where}.allow[${i}]`, a, "u")) }
      : {}),
    ...(rule.denyNames
      ? { denyNames: regex(file, `${where}.denyNames`, rule.denyNames, "iu") }
      : {}),
    ...(rule.placeholders && placeholders ? { placeholders } : {}),
    ...(rule.checks ? { checks: rule.checks } : {}),
  };
  const sources = Array.isArray(rule.pattern) ? rule.pattern : [rule.pattern];
  return sources.map((raw, i) => {
    const at = Array.isArray(rule.pattern) ? `${where}.pattern[${i}]` : `${where}.pattern`;
    const source = expand(file, at, raw, fragments);
    if (!source.includes("(?<secret>")) fail(file, at, "needs a (?<secret>…) group");
    return { ...shared, pattern: regex(file, at, source, flags) };
  });
}

/** Compiles validated data/secrets.json: expands fragments, compiles patterns. */
export function buildSecretRules(file: string, body: SecretRulesBody): SecretRule[] {
  const placeholders = body.placeholders ? compilePlaceholders(file, body.placeholders) : undefined;
  const fragments = body.fragments ?? {};
  return body.rules.flatMap((rule, i) =>
    compileRule(file, `rules[${i}](${rule.id})`, rule, fragments, placeholders),
  );
}
