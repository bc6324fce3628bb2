import { describe, expect, it } from "vitest";
import { fingerprintIn } from "../../../src/core/issue-report/fingerprint.js";
import {
  fullReportFileName,
  MAX_NEW_ISSUE_URL,
  newIssueUrl,
} from "../../../src/core/issue-report/new-issue-url.js";
import type { Thread } from "../../../src/core/thread.js";
import { threadFixture } from "../../helpers/fixtures.js";
import { draft, SEED_THREAD } from "./support/issue-fixtures.js";

function params(url: string): URLSearchParams {
  return new URL(url).searchParams;
}

describe("newIssueUrl", () => {
  const { report, kb } = draft();

  it("pre-fills the form: template, title, labels and one parameter per field id", () => {
    const { url, trimmed } = newIssueUrl(report, kb, { repo: "openclaw/openclaw" });
    expect(
      url.startsWith(
        "https://github.com/openclaw/openclaw/issues/new?template=bug_report.yml&title=",
      ),
    ).toBe(true);
    expect(url.length).toBeLessThanOrEqual(MAX_NEW_ISSUE_URL);
    expect(trimmed).toEqual([]);
    const p = params(url);
    expect(p.get("title")).toBe(report.title);
    expect(p.get("labels")).toBe("bug");
    expect(p.get("version")).toBe("2026.2.24");
    expect(p.get("repro")).toBe(report.fields.repro);
    expect(p.get("logs")).toBe(report.fields.logs);
    // Unknown facts are left out so the form asks the reporter.
    expect(p.has("os")).toBe(false);
    // Safe inside a Markdown link: no raw parenthesis can end it early.
    expect(url).not.toMatch(/[()]/);
  });

  it("uses a GitHub Enterprise web origin when given", () => {
    const { url } = newIssueUrl(report, kb, { repo: "acme/bot", webUrl: "https://git.acme.test/" });
    expect(url.startsWith("https://git.acme.test/acme/bot/issues/new?")).toBe(true);
  });

  it("trims evidence first to stay under the limit, and says where the full report is", () => {
    const { url, trimmed } = newIssueUrl(report, kb, {
      repo: "openclaw/openclaw",
      maxLength: 4000,
    });
    expect(url.length).toBeLessThanOrEqual(4000);
    expect(trimmed[0]).toBe("logs");
    const p = params(url);
    // The statement of the bug is intact; the evidence says where the rest went.
    expect(p.get("summary")).toBe(report.fields.summary);
    expect(p.get("title")).toBe(report.title);
    expect(p.get("logs")).toContain(`the full report is in ${fullReportFileName(report)}`);
    // The fingerprint survives trimming, so the trimmed issue is still found as a duplicate.
    expect(fingerprintIn(p.get("additional_information") ?? "")).toBe(report.fingerprint.id);
  });

  it("keeps whole lines and closes fences it cut", () => {
    const { url } = newIssueUrl(report, kb, { repo: "openclaw/openclaw", maxLength: 5200 });
    for (const [, value] of params(url)) {
      const fences = value.split("\n").filter((l) => l.startsWith("```")).length;
      expect(fences % 2).toBe(0);
    }
  });

  it("fits a thread with a huge log into the default limit", () => {
    const seed = threadFixture(SEED_THREAD);
    const noisy = Array.from(
      { length: 400 },
      (_, i) =>
        `2026-11-27T19:${String(i % 60).padStart(2, "0")}:00Z [gateway] google/gemini-3-flash-preview 429 RESOURCE_EXHAUSTED attempt ${i}`,
    ).join("\n");
    const thread: Thread = {
      ...seed,
      messages: [
        ...seed.messages,
        {
          author: "reporter",
          role: "reporter",
          content: `full gateway log below\n${noisy}\n{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}`,
        },
      ],
    };
    const big = draft(thread);
    const { url, trimmed } = newIssueUrl(big.report, big.kb, { repo: "openclaw/openclaw" });
    const untrimmed = newIssueUrl(big.report, big.kb, {
      repo: "openclaw/openclaw",
      maxLength: 1e6,
    });
    expect(untrimmed.url.length).toBeGreaterThan(MAX_NEW_ISSUE_URL);
    expect(url.length).toBeLessThanOrEqual(MAX_NEW_ISSUE_URL);
    expect(trimmed).toContain("logs");
    // What the link dropped is still in the body, which is offered as the file.
    const linkLogs = new URL(url).searchParams.get("logs") ?? "";
    expect(linkLogs.length).toBeLessThan((big.report.fields.logs ?? "").length);
    expect(big.report.body).toContain(big.report.fields.logs);
  });
});
