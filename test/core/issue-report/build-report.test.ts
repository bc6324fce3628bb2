import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fingerprintIn } from "../../../src/core/issue-report/fingerprint.js";
import { draft, THREAD_URL } from "./support/issue-fixtures.js";

/** The `### <label>` headings of OpenClaw's bug_report.yml, in order (formats.md §6). */
const OPENCLAW_HEADINGS = [
  "Bug type",
  "Beta release blocker",
  "Summary",
  "Steps to reproduce",
  "Expected behavior",
  "Actual behavior",
  "OpenClaw version",
  "Operating system",
  "Install method",
  "Model",
  "Provider / routing chain",
  "Additional provider/model setup details",
  "Logs, screenshots, and evidence",
  "Impact and severity",
  "Additional information",
];

function section(body: string, heading: string): string {
  const start = body.indexOf(`### ${heading}\n`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const rest = body.slice(start + heading.length + 5);
  const end = rest.indexOf("\n### ");
  return (end < 0 ? rest : rest.slice(0, end)).trim();
}

describe("buildIssueReport on the seed thread (dev case seed-gemini-22pct-whole-thread)", () => {
  const { report } = draft();

  it("has every section of the form, in the form's order", () => {
    const headings = [...report.body.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(OPENCLAW_HEADINGS);
  });

  it("fills the sections from the thread's facts", () => {
    const { body } = report;
    expect(section(body, "Bug type")).toBe("Behavior bug (incorrect output/state without crash)");
    expect(section(body, "Summary")).toContain("HTTP 429 RESOURCE_EXHAUSTED");
    expect(section(body, "Summary")).toContain("~22% of the Tier 1 limit");
    expect(section(body, "Steps to reproduce")).toMatch(
      /^1\. OpenClaw 2026\.2\.24 with model `google\/gemini-3-flash-preview`/,
    );
    expect(section(body, "Steps to reproduce")).toContain("Minimal curl");
    expect(section(body, "Expected behavior")).toContain("raw error");
    expect(section(body, "Actual behavior")).toContain("⚠️ API rate limit reached");
    expect(section(body, "OpenClaw version")).toBe("2026.2.24");
    expect(section(body, "Model")).toBe("google/gemini-3-flash-preview");
    expect(section(body, "Provider / routing chain")).toBe("google");
    expect(section(body, "Additional provider/model setup details")).toContain(
      "Tier 1 (1M TPM, 1k RPM, 10k RPD)",
    );
    expect(section(body, "Impact and severity")).toMatch(/^Affected: OpenClaw 2026\.2\.24/);
  });

  it("says what the thread does not, instead of guessing", () => {
    expect(section(report.body, "Operating system")).toBe("_Not stated in the help thread._");
    expect(section(report.body, "Install method")).toBe("_Not stated in the help thread._");
    expect(section(report.body, "Beta release blocker")).toBe("_No response_");
    expect(report.fields).not.toHaveProperty("os");
  });

  it("carries the evidence: raw error, trace summary, experiments, ruled out, verdict, thread link", () => {
    const logs = section(report.body, "Logs, screenshots, and evidence");
    expect(logs.startsWith("```shell\n")).toBe(true);
    expect(logs).toContain(
      '{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}',
    );
    expect(logs).toContain("# trace summary");
    expect(logs).toContain("retries: 3-4 retry attempts");
    expect(logs).toContain("200k, 22k tokens (maxTokens 512)");
    const more = section(report.body, "Additional information");
    expect(more).toContain("provider-side change or incident, confidence 0.89");
    expect(more).toContain(
      '| Sent a minimal request (curl ping, no tools): Minimal curl "ping" (2 tokens, no tools): success | works |',
    );
    expect(more).toContain(
      "~~Output tokens (maxTokens) reserved against the token limit~~: maxTokens 512 made no difference",
    );
    expect(more).toContain("~~Per-IP throttling of a datacenter egress~~");
    expect(more).toContain("CLI env vs gateway env");
    expect(more).toContain(`(${THREAD_URL})`);
  });

  it("embeds the fingerprint as an HTML comment and a visible line", () => {
    expect(fingerprintIn(report.body)).toBe(report.fingerprint.id);
    expect(report.body).toContain(
      `Fingerprint: \`${report.fingerprint.id}\` (google · gemini-3-flash · provider_incident · gemini-generic-exhausted · openclaw@2026.2.x)`,
    );
    expect(report.fingerprintField).toBe("additional_information");
  });

  it("titles it with the form's prefix and labels it with the form's labels", () => {
    expect(report.title).toBe(
      "[Bug]: google/gemini-3-flash-preview: HTTP 429 RESOURCE_EXHAUSTED at ~22% of quota, shown only as “⚠️ API rate limit reached” (OpenClaw 2026.2.24)",
    );
    expect(report.labels).toEqual(["bug"]);
    expect(report.template).toBe("bug_report.yml");
    expect(report.reason).toBe("provider_incident");
  });

  it("renders the same report it is given, byte for byte (the sample in docs/issue-reports.md)", async () => {
    await expect(`# ${report.title}\n\n${report.body}`).toMatchFileSnapshot(
      "../../fixtures/issue-report/seed-report.md",
    );
  });

  it("is the report docs/issue-reports.md shows", () => {
    const docs = readFileSync(new URL("../../../docs/issue-reports.md", import.meta.url), "utf8");
    expect(docs).toContain(`\`\`\`\`\`markdown\n# ${report.title}\n\n${report.body}\`\`\`\`\``);
  });

  it("adds staff notes, extra labels and known issues when given", () => {
    const { report: staff } = draft(undefined, {
      reason: "staff",
      staffNote: "Seen three times this week",
      labels: ["from-support"],
      knownIssues: [
        {
          title: "Cooldown labels everything rate_limit",
          url: "https://github.com/openclaw/openclaw/issues/5240",
        },
      ],
    });
    expect(staff.body).toContain("Staff note: Seen three times this week");
    expect(staff.body).toContain("Drafted because support staff asked for an issue");
    expect(staff.body).toContain(
      "- [Cooldown labels everything rate_limit](https://github.com/openclaw/openclaw/issues/5240)",
    );
    expect(staff.labels).toEqual(["bug", "from-support"]);
  });
});
