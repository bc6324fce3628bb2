import { type Candidate, mergeSpans } from "./merge-spans.js";
import type { SecretRule, SecretSpan } from "./types.js";
import { isSecretValue } from "./value-checks.js";

/** A kept prefix longer than this would start to show the secret itself. */
const MAX_KEEP = 16;

const scanners = new WeakMap<RegExp, RegExp>();

/** Rules compiled by the loader are already global and `d`-flagged; hand-made ones get a copy. */
function scannerFor(pattern: RegExp): RegExp {
  if (pattern.global && pattern.hasIndices) return pattern;
  let scanner = scanners.get(pattern);
  if (!scanner) {
    const flags = new Set([...pattern.flags, "g", "d"]);
    scanner = new RegExp(pattern.source, [...flags].join(""));
    scanners.set(pattern, scanner);
  }
  return scanner;
}

function keepLength(rule: SecretRule, match: RegExpExecArray, start: number, end: number): number {
  const keep = match.indices?.groups?.keep;
  const wanted = keep && keep[0] === start ? keep[1] - keep[0] : rule.keepPrefix;
  return Math.max(0, Math.min(wanted, MAX_KEEP, end - start - 1));
}

/**
 * Every secret in `text`, merged and sorted. Each rule whose keywords occur scans the whole text
 * once; a rejected match resumes after itself, which keeps keyword-anchored rules linear on
 * adversarial input.
 */
export function findSecrets(text: string, rules: readonly SecretRule[]): SecretSpan[] {
  const candidates: Candidate[] = [];
  let lower: string | undefined;
  rules.forEach((rule, priority) => {
    if (rule.keywords) {
      lower ??= text.toLowerCase();
      const folded = lower;
      if (!rule.keywords.some((k) => folded.includes(k))) return;
    }
    const scanner = scannerFor(rule.pattern);
    scanner.lastIndex = 0;
    for (let m = scanner.exec(text); m !== null; m = scanner.exec(text)) {
      if (m[0].length === 0) {
        scanner.lastIndex = m.index + 1;
        continue;
      }
      const [start, end] = m.indices?.groups?.secret ?? [m.index, m.index + m[0].length];
      if (end <= start) continue;
      if (!isSecretValue(rule, text.slice(start, end), m.groups?.name)) continue;
      candidates.push({ start, end, keep: keepLength(rule, m, start, end), rule, priority });
    }
  });
  return mergeSpans(candidates);
}
