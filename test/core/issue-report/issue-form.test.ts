import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { newIssueUrl } from "../../../src/core/issue-report/new-issue-url.js";
import { guessSection, IssueFormError, loadIssueForm } from "../../../src/knowledge/issue-form.js";
import { fixturePath } from "../../helpers/fixtures.js";
import { draft } from "./support/issue-fixtures.js";

describe("issue forms", () => {
  it("loads the bundled OpenClaw mapping", () => {
    const form = loadIssueForm();
    expect(form).toMatchObject({
      id: "openclaw",
      template: "bug_report.yml",
      titlePrefix: "[Bug]: ",
      labels: ["bug"],
    });
    expect(form.fields.map((f) => f.id)).toEqual([
      "bug_type",
      "beta_blocker",
      "summary",
      "repro",
      "expected",
      "actual",
      "version",
      "os",
      "install_method",
      "model",
      "provider_chain",
      "provider_setup",
      "logs",
      "impact",
      "additional_information",
    ]);
    expect(form.fields.find((f) => f.id === "logs")?.render).toBe("shell");
  });

  it("maps a GitHub issue form (as JSON) by explicit map, then by label", () => {
    const form = loadIssueForm(fixturePath("issue-report", "acme-bug-form.json"));
    expect(form).toMatchObject({
      id: "acme-bug-form",
      template: "acme-bug-form.yml",
      titlePrefix: "bug: ",
    });
    expect(form.labels).toEqual(["type: bug", "needs-triage"]);
    const sections = Object.fromEntries(form.fields.map((f) => [f.id, f.section]));
    expect(sections).toEqual({
      "what-happened": "actual",
      "repro-steps": "steps",
      "acme-version": "version",
      platform: "os",
      "log-output": "logs",
      terms: null,
      "anything-else": "additional",
    });
  });

  it("drafts a report in another repository's form, with its ids in the link", () => {
    const form = loadIssueForm(fixturePath("issue-report", "acme-bug-form.json"));
    const { report, kb } = draft(undefined, { form });
    expect(report.title.startsWith("bug: google/gemini-3-flash-preview")).toBe(true);
    expect([...report.body.matchAll(/^### (.+)$/gm)].map((m) => m[1])).toEqual([
      "What happened?",
      "How can we reproduce it?",
      "Acme version",
      "Platform",
      "Relevant log output",
      "Code of Conduct",
      "Anything else?",
    ]);
    expect(report.fingerprintField).toBe("anything-else");
    const p = new URL(newIssueUrl(report, kb, { repo: "acme/bot" }).url).searchParams;
    expect(p.get("template")).toBe("acme-bug-form.yml");
    expect(p.get("acme-version")).toBe("2026.2.24");
    expect(p.get("log-output")).toContain("RESOURCE_EXHAUSTED");
    expect(p.get("labels")).toBe("type: bug,needs-triage");
  });

  it("guesses sections from labels, the specific before the general", () => {
    expect(guessSection("x", "Additional provider/model setup details")).toBe("provider_setup");
    expect(guessSection("x", "Logs, screenshots, and evidence")).toBe("logs");
    expect(guessSection("x", "OpenClaw version")).toBe("version");
    expect(guessSection("x", "Provider / routing chain")).toBe("provider_chain");
    expect(guessSection("x", "Model")).toBe("model");
    expect(guessSection("x", "Describe the bug")).toBe("summary");
    expect(guessSection("x", "Code of Conduct")).toBeNull();
  });

  it("refuses YAML with the conversion command, and bad files with the path at fault", () => {
    expect(() => loadIssueForm("/repo/.github/ISSUE_TEMPLATE/bug_report.yml")).toThrow(
      /yq -o=json bug_report\.yml > bug_report\.json/,
    );
    const dir = mkdtempSync(join(tmpdir(), "rlt-form-"));
    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify({
        id: "x",
        name: "x",
        template: "t.yml",
        fields: [{ id: "a b", label: "A", type: "input", section: null }],
      }),
    );
    expect(() => loadIssueForm(join(dir, "bad.json"))).toThrow(IssueFormError);
    expect(() => loadIssueForm(join(dir, "bad.json"))).toThrow(/fields\.0\.id/);
    writeFileSync(
      join(dir, "nothing.json"),
      JSON.stringify({
        name: "x",
        body: [{ type: "input", id: "zzz", attributes: { label: "Favourite colour" } }],
      }),
    );
    expect(() => loadIssueForm(join(dir, "nothing.json"))).toThrow(/no field could be mapped/);
  });
});
