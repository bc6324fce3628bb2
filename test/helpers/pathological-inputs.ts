/**
 * Inputs that make backtracking regexes explode: long runs of one class, near-misses repeated.
 * Shared by the knowledge-pattern test (which asserts only that each finishes) and the bench
 * (which reports the slowest).
 */
export const PATHOLOGICAL_INPUTS: ReadonlyArray<readonly [string, string]> = [
  ["spaces", " ".repeat(1_000_000)],
  ["letters", "a".repeat(1_000_000)],
  ["digits", "9".repeat(1_000_000)],
  ["quotes and colons", '":'.repeat(500_000)],
  ["429 near-misses", "429 ".repeat(250_000)],
  ["json keys", '{"code":'.repeat(125_000)],
  ["limit words", "rate limit per minute quota ".repeat(36_000)],
  ["newlines", "\n".repeat(1_000_000)],
];
