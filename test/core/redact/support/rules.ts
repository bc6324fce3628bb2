import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { SecretRule } from "../../../../src/core/redact/types.js";
import { compileSecretRules } from "../../../../src/knowledge/secret-rules.js";

const FILE = fileURLToPath(new URL("../../../../data/secrets.json", import.meta.url));

/** The project's rules, compiled from data/secrets.json once per test file. */
export const RULES: readonly SecretRule[] = compileSecretRules(
  FILE,
  JSON.parse(readFileSync(FILE, "utf8")),
);

export const RULE_IDS: readonly string[] = [...new Set(RULES.map((r) => r.id))];

/** Every compiled pattern of one kind (a data entry may hold several). */
export function rulesOf(id: string): SecretRule[] {
  const rules = RULES.filter((r) => r.id === id);
  if (rules.length === 0) throw new Error(`no rule ${id}`);
  return rules;
}

/** Fragments of a secret the scorer in secrets.md §5 checks: its last and middle 12 characters. */
export function tellTales(secret: string): string[] {
  const tail = secret.slice(-12);
  const mid = Math.max(0, Math.floor(secret.length / 2) - 6);
  return [tail, secret.slice(mid, mid + 12)];
}
