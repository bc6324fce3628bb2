import { describe, expect, it } from "vitest";
import { isHex, shannonEntropy } from "../../../src/core/redact/entropy.js";
import { isPlaceholder } from "../../../src/core/redact/placeholder.js";
import type { PlaceholderCheck, SecretRule } from "../../../src/core/redact/types.js";
import { isSecretValue } from "../../../src/core/redact/value-checks.js";

const PLACEHOLDERS: PlaceholderCheck = {
  startsWith: ["$", "<"],
  contains: ["your", "..."],
  equals: ["null"],
  patterns: [/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/u, /^(.)\1*$/u],
};

const rule = (extra: Partial<SecretRule>): SecretRule => ({
  id: "generic-secret",
  title: "secret",
  pattern: /x/dgu,
  keepPrefix: 0,
  ...extra,
});

describe("shannonEntropy", () => {
  it("measures bits per character", () => {
    expect(shannonEntropy("")).toBe(0);
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abab")).toBe(1);
    expect(shannonEntropy("0123456789abcdef")).toBe(4);
  });

  it("tells hex apart", () => {
    expect(isHex("8f14e45fceea167a")).toBe(true);
    expect(isHex("8f14e45fceea167g")).toBe(false);
  });
});

describe("isPlaceholder", () => {
  it.each([
    "$GEMINI_API_KEY",
    "<your key>",
    "YOUR_API_KEY",
    "OPENAI_API_KEY",
    "sk-...",
    "Your-Key-Here",
    "NULL",
    "********",
  ])("treats %j as a placeholder", (value) => {
    expect(isPlaceholder(value, PLACEHOLDERS)).toBe(true);
  });

  it.each(["hunter22", "a1b2c3d4e5f6", "Abc_Def_123"])("treats %j as a value", (value) => {
    expect(isPlaceholder(value, PLACEHOLDERS)).toBe(false);
  });
});

describe("isSecretValue", () => {
  const checks = { minLength: 16, letterAndDigit: true, minEntropy: 3.5, minEntropyHex: 3.0 };

  it("never accepts our own marker", () => {
    expect(isSecretValue(rule({}), "AIza…[redacted]", undefined)).toBe(false);
  });

  it("applies the allowlist, the name deny-list and the placeholder check", () => {
    expect(isSecretValue(rule({ allow: [/EXAMPLE$/u] }), "AKIAIOSFODNN7EXAMPLE", undefined)).toBe(
      false,
    );
    const deny = rule({ denyNames: /pub(?:lic)?[_.-]?key/iu });
    expect(isSecretValue(deny, "8f14e45fceea167a5a36dedd4bea2543", "PUBLIC_KEY")).toBe(false);
    expect(isSecretValue(deny, "8f14e45fceea167a5a36dedd4bea2543", "SIGNING_SECRET")).toBe(true);
    expect(isSecretValue(rule({ placeholders: PLACEHOLDERS }), "$TOKEN", "token")).toBe(false);
  });

  it("needs length, a letter and a digit, and enough entropy", () => {
    const r = rule({ checks });
    expect(isSecretValue(r, "Zr8Qp2Lx9Vb4Nc7M", "key")).toBe(true);
    expect(isSecretValue(r, "Zr8Qp2Lx9Vb4", "key")).toBe(false);
    expect(isSecretValue(r, "abcdefghijklmnopqrstuvwx", "key")).toBe(false);
    expect(isSecretValue(r, "aaaaaaaaaaaaaaaaaaaaaaa1", "key")).toBe(false);
  });

  it("uses the lower threshold for pure hex, where random keys measure 3.37–3.59", () => {
    const hex = "8f14e45fceea167a5a36dedd4bea2543";
    const entropy = shannonEntropy(hex);
    expect(entropy).toBeGreaterThan(3.0);
    expect(isSecretValue(rule({ checks }), hex, "SLACK_SIGNING_SECRET")).toBe(true);
    expect(isSecretValue(rule({ checks: { ...checks, minEntropyHex: 4 } }), hex, "x")).toBe(false);
  });
});
