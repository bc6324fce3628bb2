import { z } from "zod";
import type { SecretRule } from "../core/redact/types.js";

export const SecretRuleData = z.object({
  id: z.string(),
  title: z.string(),
  pattern: z.string(),
  keepPrefix: z.number().int().min(0).max(12),
  rotate: z.string().optional(),
});

/** Validates and compiles data/secrets.json; a bad rule names its index and id. */
export function compileSecretRules(file: string, data: unknown): SecretRule[] {
  const parsed = z.array(SecretRuleData).safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file} at ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return parsed.data.map((r) => ({
    id: r.id,
    title: r.title,
    pattern: new RegExp(r.pattern, "gu"),
    keepPrefix: r.keepPrefix,
    ...(r.rotate ? { rotate: r.rotate } : {}),
  }));
}
