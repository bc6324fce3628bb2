import { describe, expect, it } from "vitest";
import { compareVersions as compareOpenclawVersions } from "../../../src/core/diagnosis/known-issues.js";
import { issueFingerprint } from "../../../src/core/issue-report/fingerprint.js";
import { modelFamily } from "../../../src/core/issue-report/model-family.js";
import { compareVersions, versionLine } from "../../../src/core/issue-report/version-range.js";
import type { Thread } from "../../../src/core/thread.js";
import { threadFixture } from "../../helpers/fixtures.js";
import { draft, SEED_THREAD } from "./support/issue-fixtures.js";

describe("issueFingerprint", () => {
  it("is stable: the same thread always gives the same id", () => {
    const a = draft().report.fingerprint;
    const b = draft().report.fingerprint;
    expect(a).toEqual(b);
    expect(a.id).toMatch(/^rlt-[0-9a-f]{12}$/);
  });

  it("ignores what does not change the bug: chatter, another patch release, a dated model build", () => {
    const seed = threadFixture(SEED_THREAD);
    const chatty: Thread = {
      ...seed,
      messages: [
        ...seed.messages.map((m) => ({
          ...m,
          content: m.content.replace("2026.2.24", "2026.2.26"),
        })),
        { author: "community", role: "community", content: "same here, any news?" },
      ],
    };
    expect(issueFingerprint(draft(chatty).analysis)).toEqual(draft(seed).report.fingerprint);
  });

  it("changes with the provider, the class or the release line", () => {
    const seed = draft().report.fingerprint;
    const other = draft(threadFixture("openai-tpm-try-again")).report.fingerprint;
    expect(other.id).not.toBe(seed.id);
    expect(other.provider).toBe("openai");
    const seedThread = threadFixture(SEED_THREAD);
    const newer: Thread = {
      ...seedThread,
      messages: seedThread.messages.map((m) => ({
        ...m,
        content: m.content.replace("2026.2.24", "2026.3.1"),
      })),
    };
    const newerFp = draft(newer).report.fingerprint;
    expect(newerFp.versionRange).toBe("openclaw@2026.3.x");
    expect(newerFp.id).not.toBe(seed.id);
  });
});

describe("modelFamily", () => {
  it.each([
    ["google/gemini-3-flash-preview", "gemini-3-flash"],
    ["gemini-2.5-flash-preview-04-17", "gemini-2.5-flash"],
    ["gemini-2.5-flash", "gemini-2.5-flash"],
    ["gemini-1.5-pro-002", "gemini-1.5-pro"],
    ["claude-3-5-sonnet-20241022", "claude-3-5-sonnet"],
    ["anthropic/claude-sonnet-4-5", "claude-sonnet-4-5"],
    ["gpt-4o-2024-08-06", "gpt-4o"],
    ["grok-4-0709", "grok-4"],
    ["openrouter/meta-llama/llama-3.3-70b-instruct:free", "llama-3.3-70b-instruct"],
    ["claude-3-5-sonnet@20240620", "claude-3-5-sonnet"],
    ["gpt-4o-mini-latest", "gpt-4o-mini"],
    [null, "any"],
  ])("%s → %s", (model, family) => {
    expect(modelFamily(model)).toBe(family);
  });
});

describe("version lines", () => {
  it("groups patch releases", () => {
    expect(versionLine("2026.2.24")).toBe("2026.2.x");
    expect(versionLine("v1.4.2")).toBe("1.4.x");
    expect(versionLine("7")).toBe("7.x");
    expect(versionLine("nightly")).toBe("any");
    expect(versionLine(null)).toBe("any");
  });

  it("compares calendar versions numerically", () => {
    expect(compareVersions("2026.2.24", "2026.10.1")).toBeLessThan(0);
    expect(compareVersions("2026.3.0", "2026.3")).toBe(0);
  });

  it("orders pre-releases and re-releases as the diagnosis does: one version order", () => {
    const ordered = ["2026.2.28", "2026.3.1-beta.2", "2026.3.1-beta.10", "2026.3.1", "2026.3.1-1"];
    for (const [i, a] of ordered.entries())
      for (const [j, b] of ordered.entries()) {
        const issueReport = Math.sign(compareVersions(a, b));
        expect(issueReport, `${a} vs ${b}`).toBe(Math.sign(i - j));
        expect(compareOpenclawVersions(a, b), `${a} vs ${b}`).toBe(Math.sign(i - j));
      }
  });
});
