import { testPattern } from "./test-pattern.js";
import type { PlaceholderCheck } from "./types.js";

/**
 * True for values that stand in for a secret rather than being one: `$GEMINI_API_KEY`,
 * `<your key>`, `YOUR_API_KEY`, `sk-...`, `********`, `null` (secrets.md §1.3).
 */
export function isPlaceholder(value: string, check: PlaceholderCheck): boolean {
  if (check.startsWith.some((p) => value.startsWith(p))) return true;
  const lower = value.toLowerCase();
  if (check.equals.includes(lower)) return true;
  if (check.contains.some((fragment) => lower.includes(fragment))) return true;
  return check.patterns.some((pattern) => testPattern(pattern, value));
}
