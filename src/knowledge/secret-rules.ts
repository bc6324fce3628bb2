import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { z } from "zod";
import type { SecretRule } from "../core/redact/types.js";
import { buildSecretRules, fail, type SecretRulesBody } from "./secret-rules-build.js";

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

/** Validates and compiles data/secrets.json; a bad rule names its file, index and field. */
export function compileSecretRules(file: string, data: unknown): SecretRule[] {
  return buildSecretRules(file, validateSecretRules(file, data));
}

/** Validates data/secrets.json without compiling it: plain JSON, kept in the CLI's snapshot. */
export function validateSecretRules(file: string, data: unknown): SecretRulesBody {
  // A bare array of rules (the original shape) is a file without fragments or placeholders.
  const parsed = SecretRulesFile.safeParse(Array.isArray(data) ? { rules: data } : data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(file, issue?.path.join(".") ?? "", issue?.message ?? "invalid");
  }
  return parsed.data;
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
