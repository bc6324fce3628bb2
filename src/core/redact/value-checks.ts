import { isHex, shannonEntropy } from "./entropy.js";
import { isPlaceholder } from "./placeholder.js";
import { testPattern } from "./test-pattern.js";
import type { SecretRule, ValueChecks } from "./types.js";

/** Our own marker: a value that already holds it was redacted before and stays as it is. */
const ALREADY_REDACTED = "[redacted]";

const LETTER = /[A-Za-z]/;
const DIGIT = /[0-9]/;

/**
 * Decides whether a pattern's capture is a secret: the rule's allowlist, name deny-list,
 * placeholder test and entropy gates all have to let it through.
 */
export function isSecretValue(rule: SecretRule, value: string, name: string | undefined): boolean {
  if (value.includes(ALREADY_REDACTED)) return false;
  if (rule.allow?.some((pattern) => testPattern(pattern, value))) return false;
  if (name !== undefined && rule.denyNames && testPattern(rule.denyNames, name)) return false;
  if (rule.placeholders && isPlaceholder(value, rule.placeholders)) return false;
  return rule.checks ? passesChecks(value, rule.checks) : true;
}

function passesChecks(value: string, checks: ValueChecks): boolean {
  if (checks.minLength !== undefined && value.length < checks.minLength) return false;
  if (checks.letterAndDigit && !(LETTER.test(value) && DIGIT.test(value))) return false;
  if (checks.minEntropy === undefined) return true;
  const threshold =
    checks.minEntropyHex !== undefined && isHex(value) ? checks.minEntropyHex : checks.minEntropy;
  return shannonEntropy(value) >= threshold;
}
