import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { literalHaystack, requiredLiterals } from "../../../src/core/evidence/required-literals.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { claimPatterns, knowledgePatterns } from "../../helpers/knowledge-patterns.js";

const SEED = 20261204;

/** What the gate promises: a text the pattern matches holds one of the literals. */
function gatePasses(source: string, text: string): boolean {
  const needs = requiredLiterals(source);
  const haystack = literalHaystack(text);
  return needs === null || needs.some((literal) => haystack.includes(literal));
}

describe("requiredLiterals", () => {
  it.each([
    ["\\bper[- ]second\\b", ["second"]],
    ["\\b(?:requests?|req|calls?)/s(?:ec)?\\b", ["request", "req", "call"]],
    ["\\bRPS\\b", ["rps"]],
    ["\\bdisabledUntil\\b|\\bblockedUntil\\b", ["disableduntil", "blockeduntil"]],
    ["(?<!x)foo(?<=o)bar", ["foobar"]],
    ["ab+c", ["ab"]],
    ["a(?:b|)c", ["a"]],
    ["日本語?です", ["日本"]],
  ])("%s needs one of %j", (source, literals) => {
    expect(requiredLiterals(source)).toEqual(literals);
  });

  it.each([
    "a|\\d+",
    "[abc]+",
    "(?:foo)?",
    "\\u0041",
    "größe", // cased non-ASCII letters fold in ways toLowerCase does not: not literals
    "x*y?",
  ])("%s promises no literal of two characters or more, or none at all", (source) => {
    const needs = requiredLiterals(source);
    expect(needs === null || needs.every((l) => l.length <= 2 && /^[\x20-\x7e]+$/.test(l))).toBe(
      true,
    );
  });

  it("holds for ſ and the Kelvin sign, which case-fold to s and k", () => {
    expect(/mask/iu.test("maſK")).toBe(true);
    expect(gatePasses("mask", "maſK")).toBe(true);
  });

  it("holds for every pattern of the knowledge on texts each of them matches", () => {
    const kb = loadKnowledge();
    const patterns = [...knowledgePatterns(kb), ...claimPatterns(kb)].map(([, p]) => p);
    expect(patterns.length).toBeGreaterThan(1000);
    fc.assert(
      fc.property(
        fc.constantFrom(...patterns),
        fc.string({ maxLength: 8 }),
        fc.boolean(),
        (pattern, context, shout) => {
          const sample = sampleFrom(pattern.source);
          if (sample === null) return;
          const text = `${context} ${shout ? sample.toUpperCase() : sample} ${context}`;
          if (pattern.test(text)) expect(gatePasses(pattern.source, text)).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it("holds on random patterns and texts built to match them", () => {
    fc.assert(
      fc.property(pattern(), fc.boolean(), fc.integer({ min: 0, max: 1000 }), (p, u, salt) => {
        const flags = u ? "iu" : "i";
        const text = matchOf(p, salt);
        if (new RegExp(p.source, flags).test(text)) expect(gatePasses(p.source, text)).toBe(true);
      }),
      { seed: SEED, numRuns: 5000 },
    );
  });
});

/**
 * A text likely to match a knowledge pattern: its literal characters with what surrounds them,
 * read straight off the source (good enough to make many patterns match, the rest are skipped).
 */
function sampleFrom(source: string): string | null {
  const plain = source
    .replace(/\\b|\(\?<?[=!][^)]*\)/g, "")
    .replace(/\[\^[^\]]*\]\{\d+,\d+\}/g, " ")
    .replace(/\(\?:([^|()]*)(?:\|[^()]*)?\)\??/g, "$1")
    .replace(/\\s[+*]?/g, " ")
    .replace(/\\d[+*]?/g, "7")
    .replace(/[?*+]|\{\d+(?:,\d*)?\}/g, "")
    .replace(/\\(.)/g, "$1");
  return /[()[\]|]/.test(plain) ? null : plain;
}

/** A small random pattern with a way to build texts it matches. */
interface Gen {
  source: string;
  /** A text this pattern matches (mostly), varying with `salt`. */
  match(salt: number): string;
}

const CHARS = ["a", "b", "k", "s", "S", "-", "/", " ", "1", ".", "日", "ä"];
/** Text variants of a literal: the pattern is case-insensitive, and ſ and K fold to s and k. */
const VARIANTS: Record<string, string[]> = {
  a: ["a", "A"],
  b: ["b", "B"],
  k: ["k", "K", "\u212a"],
  s: ["s", "S", "ſ"],
  S: ["S", "s", "ſ"],
  ä: ["ä", "Ä"],
};

function pick<T>(items: readonly T[], salt: number): T {
  return items[salt % items.length] as T;
}

function pattern(): fc.Arbitrary<Gen> {
  const { node } = fc.letrec<{ node: Gen; seq: Gen }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom(...CHARS).map(
        (c): Gen => ({
          source: c === "." || c === "/" ? `\\${c}` : c,
          match: (salt) => pick(VARIANTS[c] ?? [c], salt),
        }),
      ),
      fc.constant<Gen>({ source: "[ab]", match: (salt) => pick(["a", "B"], salt) }),
      fc.constant<Gen>({ source: ".", match: (salt) => pick(["x", "ſ", "."], salt) }),
      fc.constant<Gen>({ source: "\\b", match: () => "" }),
      fc.constant<Gen>({ source: "\\d", match: (salt) => String(salt % 10) }),
      fc
        .tuple(
          fc.array(tie("seq"), { minLength: 1, maxLength: 3 }),
          fc.constantFrom("", "?", "*", "+", "{2}", "{0,2}", "{1,}"),
          fc.constantFrom("(?:", "(", "(?=", "(?<!"),
        )
        .map(
          ([alts, quantifier, open]): Gen => ({
            source: `${open}${alts.map((a) => a.source).join("|")})${open.includes("=") || open.includes("!") ? "" : quantifier}`,
            match: (salt) => {
              if (open.includes("=") || open.includes("!")) return "";
              const times = quantifier.startsWith("{2")
                ? 2
                : quantifier === "?" || quantifier === "*"
                  ? salt % 2
                  : 1;
              return Array.from({ length: times }, (_, i) =>
                pick(alts, salt + i).match(salt + i),
              ).join("");
            },
          }),
        ),
    ),
    seq: fc.array(tie("node"), { minLength: 1, maxLength: 5 }).map(
      (nodes): Gen => ({
        source: nodes.map((n) => n.source).join(""),
        match: (salt) => nodes.map((n, i) => n.match(salt * 7 + i)).join(""),
      }),
    ),
  }));
  return fc.array(node, { minLength: 1, maxLength: 6 }).map((nodes) => ({
    source: nodes.map((n) => n.source).join(""),
    match: (salt: number) => nodes.map((n, i) => n.match(salt + i)).join(""),
  }));
}

function matchOf(p: Gen, salt: number): string {
  return `x ${p.match(salt)} y`;
}
