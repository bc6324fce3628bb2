import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { z } from "zod";
import type { PlaceholderCheck, SecretRule } from "../core/redact/types.js";

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const SecretRuleData = z
  .object({
    id: z.string().regex(KEBAB, "must be a kebab-case kind"),
    title: z.string().min(1),
    titlePlural: z.string().min(1).optional(),
    /** One pattern, or several that report the same kind (tried in order, all merged). */
    pattern: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    flags: z.enum(["", "i"]).optional(),
    /** Lower-case literals every match contains; a text with none of them skips the rule. */
    keywords: z
      .array(
        z
          .string()
          .min(1)
          .regex(/^[^A-Z]+$/, "keywords are lower case"),
      )
      .optional(),
    keepPrefix: z.number().int().min(0).max(12),
    rotate: z.url().optional(),
    rotateHint: z.string().min(1).optional(),
    allow: z.array(z.string().min(1)).optional(),
    denyNames: z.string().min(1).optional(),
    /** Apply the file's placeholder check to the captured value. */
    placeholders: z.boolean().optional(),
    checks: z
      .object({
        minLength: z.number().int().min(1).optional(),
        letterAndDigit: z.boolean().optional(),
        minEntropy: z.number().min(0).max(8).optional(),
        minEntropyHex: z.number().min(0).max(4).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((r) => r.rotate !== undefined || r.rotateHint !== undefined, {
    message: "needs rotate or rotateHint: the notice must say how to rotate",
  });

export const PlaceholderData = z
  .object({
    startsWith: z.array(z.string().min(1)),
    contains: z.array(z.string().min(1)),
    equals: z.array(z.string().min(1)),
    patterns: z.array(z.string().min(1)),
  })
  .strict();

/** data/secrets.json: shared fragments (`{{name}}` in patterns), the placeholder check, the rules. */
export const SecretRulesFile = z
  .object({
    $comment: z.union([z.string(), z.array(z.string())]).optional(),
    fragments: z.record(z.string().regex(/^\w+$/), z.string()).optional(),
    placeholders: PlaceholderData.optional(),
    rules: z.array(SecretRuleData),
  })
  .strict();

type RuleData = z.infer<typeof SecretRuleData>;

function fail(file: string, where: string, message: string): never {
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

/** Validates and compiles data/secrets.json; a bad rule names its file, index and field. */
export function compileSecretRules(file: string, data: unknown): SecretRule[] {
  // A bare array of rules (the original shape) is a file without fragments or placeholders.
  const parsed = SecretRulesFile.safeParse(Array.isArray(data) ? { rules: data } : data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(file, issue?.path.join(".") ?? "", issue?.message ?? "invalid");
  }
  const body = parsed.data;
  const placeholders = body.placeholders ? compilePlaceholders(file, body.placeholders) : undefined;
  const fragments = body.fragments ?? {};
  return body.rules.flatMap((rule, i) =>
    compileRule(file, `rules[${i}](${rule.id})`, rule, fragments, placeholders),
  );
}

/**
 * Reads only the secret rules (`secrets.json` and `secrets/*.json` under `dataDir`), so
 * `redact` and the logger need neither the rest of the knowledge nor its validity.
 */
export function readSecretRules(dataDir: string): SecretRule[] {
  const files: string[] = [join(dataDir, "secrets.json")];
  try {
    const dir = join(dataDir, "secrets");
    for (const entry of readdirSync(dir).sort())
      if (extname(entry) === ".json") files.push(join(dir, entry));
  } catch {
    // data/secrets/ is optional
  }
  return files.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      if (file === files[0] && files.length > 1) return [];
      throw error;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return fail(file, "", `not valid JSON: ${(error as Error).message}`);
    }
    return compileSecretRules(file, data);
  });
}
