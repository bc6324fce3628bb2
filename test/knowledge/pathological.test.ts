import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.js";

const kb = loadKnowledge();

/** Every knowledge pattern, named by where it lives. */
function allPatterns(): Array<[string, RegExp]> {
  const out: Array<[string, RegExp]> = [];
  for (const s of kb.signatures)
    for (const p of [...s.all, ...s.any, ...s.none, ...s.extract])
      out.push([`signature ${s.id}`, p]);
  for (const t of kb.tools) {
    for (const m of t.markers) out.push([`tool ${t.id} marker`, m.pattern]);
    for (const p of t.versionPatterns) out.push([`tool ${t.id} version`, p]);
    for (const r of t.rewrites) out.push([`tool ${t.id} rewrite`, r.pattern]);
  }
  for (const p of kb.providers)
    for (const r of [...p.names, ...p.models]) out.push([`provider ${p.id}`, r]);
  for (const e of kb.experiments)
    for (const r of [...e.action, ...Object.values(e.outcomes).flat()])
      out.push([`experiment ${e.id}`, r]);
  for (const s of kb.signals) for (const r of s.patterns) out.push([`signal ${s.id}`, r]);
  return out;
}

/** Inputs that make backtracking regexes explode: long runs of one class, near-misses repeated. */
const PATHOLOGICAL: Array<[string, string]> = [
  ["spaces", " ".repeat(1_000_000)],
  ["letters", "a".repeat(1_000_000)],
  ["digits", "9".repeat(1_000_000)],
  ["quotes and colons", '":'.repeat(500_000)],
  ["429 near-misses", "429 ".repeat(250_000)],
  ["json keys", '{"code":'.repeat(125_000)],
  ["limit words", "rate limit per minute quota ".repeat(36_000)],
  ["newlines", "\n".repeat(1_000_000)],
];

describe("knowledge patterns on pathological input", () => {
  it(`each of the ${allPatterns().length} patterns finishes on 1 MB inputs`, () => {
    let runs = 0;
    for (const [, pattern] of allPatterns()) {
      for (const [, input] of PATHOLOGICAL) {
        pattern.test(input);
        runs++;
      }
    }
    expect(runs).toBe(allPatterns().length * PATHOLOGICAL.length);
  });
});
