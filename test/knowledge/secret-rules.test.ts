import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { redact } from "../../src/core/redact/redact.js";
import { compileSecretRules, readSecretRules } from "../../src/knowledge/secret-rules.js";

const DATA = fileURLToPath(new URL("../../data", import.meta.url));
const PROJECT = JSON.parse(readFileSync(join(DATA, "secrets.json"), "utf8")) as {
  rules: Array<Record<string, unknown>>;
};

const rule = (extra: Record<string, unknown> = {}) => ({
  id: "demo-token",
  title: "demo token",
  pattern: "(?<secret>demo_[a-z0-9]{8})",
  keepPrefix: 5,
  rotateHint: "revoke it",
  ...extra,
});

describe("compileSecretRules", () => {
  it("compiles the project's rules: kebab-case ids, global d-flagged patterns, a way to rotate", () => {
    const rules = readSecretRules(DATA);
    expect(rules.length).toBeGreaterThanOrEqual(PROJECT.rules.length);
    for (const r of rules) {
      expect(r.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(r.pattern.flags).toMatch(/^dgi?u$/);
      expect(r.rotate ?? r.rotateHint).toBeTruthy();
    }
    const ids = new Set(rules.map((r) => r.id));
    for (const id of [
      "google-api-key",
      "openai-api-key",
      "anthropic-api-key",
      "github-token",
      "slack-token",
      "discord-bot-token",
      "aws-access-key-id",
      "private-key-pem",
      "jwt",
      "bearer-token",
      "basic-auth",
      "url-key-param",
      "connection-string-password",
      "generic-secret",
    ])
      expect(ids, id).toContain(id);
  });

  it("accepts the original bare-array shape", () => {
    const [compiled] = compileSecretRules("x.json", [rule()]);
    expect(compiled?.pattern.flags).toBe("dgu");
    expect(redact("t=demo_ab12cd34", compiled ? [compiled] : []).text).toBe("t=demo_…[redacted]");
  });

  it("expands fragments, compiles several patterns per kind and shares the placeholder check", () => {
    const rules = compileSecretRules("x.json", {
      fragments: { start: "(?<![a-z])" },
      placeholders: { startsWith: ["$"], contains: ["your"], equals: [], patterns: ["^X+$"] },
      rules: [
        rule({
          pattern: ["{{start}}(?<secret>demo_[a-z0-9]{8})", "(?<secret>DEMO-[0-9]{4})"],
          placeholders: true,
          flags: "i",
          keywords: ["demo"],
        }),
      ],
    });
    expect(rules).toHaveLength(2);
    expect(rules[0]?.pattern.source).toBe("(?<![a-z])(?<secret>demo_[a-z0-9]{8})");
    expect(rules[0]?.pattern.flags).toBe("dgiu");
    expect(rules[1]?.placeholders?.patterns[0]?.test("XXXX")).toBe(true);
    expect(rules[0]?.keywords).toEqual(["demo"]);
  });

  it.each([
    [
      { pattern: "(?<secret>(unclosed)" },
      /x\.json at rules\[0\]\(demo-token\)\.pattern: bad regular expression/,
    ],
    [{ pattern: "demo_[a-z]{8}" }, /needs a \(\?<secret>…\) group/],
    [{ pattern: "{{nope}}(?<secret>x)" }, /unknown fragment \{\{nope\}\}/],
    [{ id: "Demo Token" }, /rules\.0\.id: must be a kebab-case kind/],
    [{ rotateHint: undefined }, /needs rotate or rotateHint/],
    [{ rotate: "not a url", rotateHint: undefined }, /rules\.0\.rotate/],
    [{ placeholders: true }, /the file defines no placeholder check/],
    [{ keywords: ["Demo"] }, /keywords are lower case/],
    [{ keepPrefix: 40 }, /rules\.0\.keepPrefix/],
    [{ surprise: 1 }, /rules\.0/],
  ])("rejects a bad rule %j naming file and field", (extra, message) => {
    expect(() => compileSecretRules("x.json", { rules: [rule(extra)] })).toThrow(message);
  });
});

describe("readSecretRules", () => {
  it("reads secrets.json and secrets/*.json, in that order", () => {
    const dir = mkdtempSync(join(tmpdir(), "secret-rules-"));
    writeFileSync(join(dir, "secrets.json"), JSON.stringify([rule()]));
    mkdirSync(join(dir, "secrets"));
    writeFileSync(join(dir, "secrets", "b.json"), JSON.stringify([rule({ id: "b-token" })]));
    writeFileSync(join(dir, "secrets", "a.json"), JSON.stringify([rule({ id: "a-token" })]));
    writeFileSync(join(dir, "secrets", "notes.txt"), "ignored");
    expect(readSecretRules(dir).map((r) => r.id)).toEqual(["demo-token", "a-token", "b-token"]);
  });

  it("works with only a secrets/ directory, and names a file that is not JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "secret-rules-"));
    mkdirSync(join(dir, "secrets"));
    writeFileSync(join(dir, "secrets", "a.json"), JSON.stringify([rule()]));
    expect(readSecretRules(dir)).toHaveLength(1);
    writeFileSync(join(dir, "secrets", "b.json"), "{");
    expect(() => readSecretRules(dir)).toThrow(/b\.json: not valid JSON/);
  });

  it("fails when there are no rules at all", () => {
    expect(() => readSecretRules(mkdtempSync(join(tmpdir(), "secret-rules-")))).toThrow(/ENOENT/);
  });
});
