import { describe, expect, it } from "vitest";
import { analyze } from "../../../../src/core/analyze.js";
import { matchKnownIssues } from "../../../../src/core/diagnosis/known-issues.js";
import { markersOf } from "../../../../src/core/diagnosis/markers.js";
import { loadKnowledge } from "../../../../src/knowledge/load.js";
import { openclawFixture } from "./fixtures.js";

/**
 * Threads that paste the captures, through the whole engine with the OpenClaw extractors added:
 * the facts and markers the diagnoses rest on, and the known issues they match.
 */
const kb = loadKnowledge();
const NOW = new Date("2026-11-23T22:47:00Z");

function run(...messages: string[]) {
  const analysis = analyze({ messages: messages.map((content) => ({ content })) }, kb, NOW);
  const markers = markersOf(analysis.facts, analysis.facts.rawErrors[0] ?? null);
  const issues = matchKnownIssues(markers, analysis.facts.tool?.version ?? null, kb.knownIssues);
  return { analysis, markers: [...markers], issueIds: issues.map((m) => m.issue.id), issues };
}

const fence = (name: string) => `\`\`\`\n${openclawFixture(name)}\n\`\`\``;

describe("threads pasting OpenClaw captures", () => {
  it("a per-minute 429 that OpenClaw retried 9 times over ~2.2 min", () => {
    const { analysis, markers, issueIds, issues } = run(
      `429 from gemini through openclaw, it hangs for minutes then fails\n${fence("version.txt")}`,
      `my cache trace:\n${fence("cache-trace-429.jsonl")}`,
    );
    expect(analysis.facts.tool).toMatchObject({
      id: "openclaw",
      version: "2026.9.6",
      commit: "eb377ac",
    });
    expect(analysis.facts.provider).toBe("google");
    expect(markers).toContain("signal:same_model_retries");
    expect(markers).toContain("signal:google_native_retries");
    expect(markers).not.toContain("signal:long_window_no_retry");
    expect(markers).toContain("evidence:trace");
    expect(issueIds).toContain("openclaw-google-retry-hints-ignored");
    expect(
      issues.find((i) => i.issue.id === "openclaw-google-retry-hints-ignored")?.versionMatch,
    ).toBe("unknown");
  });

  it("a long-window quota on Google: no same-model retry, the message cut", () => {
    const { markers, issueIds } = run(
      `openclaw fails at once on gemini:\n${fence("agent-local-429-quota-details.stderr.txt")}`,
      fence("cache-trace-429-quota-details.jsonl"),
    );
    expect(markers).toContain("signal:long_window_no_retry");
    expect(markers).toContain("signal:error_text_truncated");
    expect(markers).not.toContain("signal:same_model_retries");
    expect(issueIds).toContain("openclaw-long-window-text-skips-retry");
  });

  it("every auth profile cooling down after a burst, nothing to fall back to", () => {
    const { analysis, markers, issueIds } = run(
      `OpenClaw 2026.9.6 (eb377ac)\n${fence("models-status-profile-cooldown.txt")}`,
    );
    expect(markers).toEqual(
      expect.arrayContaining([
        "evidence:cooldown",
        "cooldown:rate_limit",
        "signal:all_profiles_in_cooldown",
        "signal:no_fallback_configured",
      ]),
    );
    expect(analysis.facts.rawErrors).toEqual([]);
    // A rate_limit cooldown without the raw error: the hard-coded-reason issue applies.
    expect(issueIds).toContain("openclaw-cooldown-reason-always-rate-limit");
  });

  it("a fallback chain that ran out", () => {
    const { markers } = run(`OpenClaw 2026.9.6\n${openclawFixture("all-models-failed.txt")}`);
    expect(markers).toEqual(
      expect.arrayContaining(["signal:fallback_chain_exhausted", "rewritten:rate_limit"]),
    );
  });

  it("request size: the system prompt dominates in /context detail", () => {
    const { markers, analysis } = run(
      `OpenClaw 2026.9.6, 429 on gemini with tools\n${fence("tui-context-detail.txt")}`,
    );
    expect(markers).toContain("signal:system_prompt_dominates");
    expect(analysis.facts.requestTokens).toEqual(expect.arrayContaining([13_158, 2_636, 15_839]));
  });

  it("request size: tool schemas dominate when they are the largest part", () => {
    const detail = openclawFixture("tui-context-detail.txt")
      .replace(
        "Tool schemas (JSON): 10,544 chars (~2,636 tok)",
        "Tool schemas (JSON): 160,000 chars (~40,000 tok)",
      )
      .replace(
        "Tracked prompt estimate: 63,354 chars (~15,839 tok)",
        "Tracked prompt estimate: 212,810 chars (~53,203 tok)",
      );
    expect(run(detail).markers).toContain("signal:tool_schemas_dominate");
  });

  it("request size: the output reservation (no maxTokens) and its fix (params.maxTokens)", () => {
    expect(run(fence("cache-trace-429.jsonl")).markers).toContain("signal:max_tokens_not_set");
    const mitigated = run(fence("cache-trace-429-mitigated-maxtokens-minimal-tools.jsonl"));
    expect(mitigated.analysis.facts.maxTokens).toBe(8192);
    expect(mitigated.markers).not.toContain("signal:max_tokens_not_set");
  });

  it("probe says invalid key while sessions work: CLI env vs gateway env", () => {
    const { markers } = run(
      `openclaw models status --probe says the key is invalid\n${fence("models-status-probe-auth.json")}`,
      `but chatting works:\n${openclawFixture("tui-slash-status.txt")}`,
    );
    expect(markers).toEqual(
      expect.arrayContaining(["probe:auth", "signal:probe_auth_fails", "signal:session_succeeded"]),
    );
  });

  it("a 503 probe reported as rate_limit: capacity, with issue #22294 first", () => {
    const { analysis, issues } = run(
      `OpenClaw 2026.9.6\n${fence("models-status-probe-503-overloaded.json")}`,
    );
    expect(analysis.verdict.errorClass).toBe("capacity_or_overload");
    expect(issues[0]?.issue.url).toBe("https://github.com/openclaw/openclaw/issues/22294");
  });
});

describe("verdicts on OpenClaw captures", () => {
  it("all auth profiles cooling down after a burst is a burst verdict, with the known issue in the reply", async () => {
    const { triage } = await import("../../../../src/triage.js");
    const thread = {
      messages: [
        { content: `OpenClaw 2026.9.6 (eb377ac)\n${fence("models-status-profile-cooldown.txt")}` },
      ],
    };
    const { report } = triage(thread, kb, NOW);
    expect(report.errorClass).toBe("retry_storm_or_burst");
    expect(report.facts.knownIssues.map((k) => k.id)).toContain(
      "openclaw-cooldown-reason-always-rate-limit",
    );
    expect(report.reply).toContain("**Known issues of this version**");
    // The tier is asked whatever the class: the same burst means different things on each tier.
    expect(report.missing.map((m) => m.id)).toEqual(["raw_error", "account_tier", "request_size"]);
  });

  it("a cache trace names the model from its fields, not from the request id", () => {
    const { analysis } = run(fence("cache-trace-429.jsonl"));
    expect(analysis.verdict.model).toBe("gemini-2.5-flash");
  });
});
