import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runIssueCommand } from "../../src/cli/commands/issue.js";
import { runCli } from "../../src/cli/main.js";
import { fakeKeys } from "../core/issue-report/support/fake-keys.js";
import { type FakeGitHub, startFakeGitHub } from "../fakes/github/fake-github.js";
import { memoryIo } from "../helpers/cli-io.js";
import { fixturePath } from "../helpers/fixtures.js";

const SEED = fixturePath("threads", "openclaw-incident-whole-thread.json");
const ISSUES = "/repos/openclaw/openclaw/issues";

const io = memoryIo;

describe("issue command, offline", () => {
  it("reads a bounded head of a file too large to load (3 GB, sparse) and drafts from it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rlt-issue-huge-"));
    const path = join(dir, "huge.log");
    const line =
      '{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}\n';
    writeFileSync(path, `openclaw 2026.3.1, gemini keeps failing:\n${line.repeat(100)}`);
    // Past 2 GB a whole-file read fails outright; only the head is read now.
    truncateSync(path, 3 * 1024 ** 3);
    const t = io();
    expect(await runCli(["issue", path], t.io)).toBe(0);
    expect(t.out()).toMatch(/^# \[Bug\]: .*RESOURCE_EXHAUSTED/);
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints the Markdown report and the pre-filled link", async () => {
    const t = io();
    expect(await runCli(["issue", SEED], t.io)).toBe(0);
    const out = t.out();
    expect(out).toMatch(/^# \[Bug\]: google\/gemini-3-flash-preview: HTTP 429 RESOURCE_EXHAUSTED/);
    expect(out).toContain("### Logs, screenshots, and evidence\n\n```shell\n");
    expect(out).toContain("<!-- ratelimit-triage:fingerprint=rlt-");
    expect(out).toMatch(
      /Pre-filled link for openclaw\/openclaw:\nhttps:\/\/github\.com\/openclaw\/openclaw\/issues\/new\?template=bug_report\.yml&title=/,
    );
  });

  it("prints one JSON object with --json, and writes the full report with --out", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rlt-issue-"));
    const out = join(dir, "report.md");
    const t = io();
    expect(
      await runIssueCommand(["--json", "--repo", "acme/bot", "--out", out, SEED], t.io, {}),
    ).toBe(0);
    const json = JSON.parse(t.out());
    expect(json).toMatchObject({
      repo: "acme/bot",
      labels: ["bug"],
      template: "bug_report.yml",
      fullReportFile: out,
      trimmed: [],
    });
    expect(json.fingerprint.id).toMatch(/^rlt-[0-9a-f]{12}$/);
    expect(json.fields.version).toBe("2026.2.24");
    expect(json.url.startsWith("https://github.com/acme/bot/issues/new?")).toBe(true);
    expect(readFileSync(out, "utf8")).toBe(`# ${json.title}\n\n${json.body}`);
  });

  it("reads the thread from standard input", async () => {
    const t = io(readFileSync(SEED, "utf8"));
    expect(await runIssueCommand([], t.io, { GITHUB_REPO: "acme/bot" })).toBe(0);
    expect(t.out()).toContain("https://github.com/acme/bot/issues/new?");
  });

  it("never prints a secret from the thread", async () => {
    const keys = fakeKeys(7);
    const text = keys.map((k) => `${k.kind}: ${k.value}`).join("\n");
    const dir = mkdtempSync(join(tmpdir(), "rlt-issue-"));
    const file = join(dir, "paste.txt");
    writeFileSync(
      file,
      `openclaw --version: 2026.2.24\n${text}\n{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}`,
    );
    for (const args of [[file], ["--json", file]]) {
      const t = io();
      expect(await runIssueCommand(args, t.io, {})).toBe(0);
      const printed = `${t.out()}\n${decodeURIComponent(t.out().match(/https:\/\/github\.com\S+/)?.[0] ?? "")}`;
      for (const k of keys) expect(printed).not.toContain(k.secretPart.slice(0, 16));
    }
  });

  it.each([
    [["--frobnicate", SEED], /unknown option --frobnicate/],
    [["/nonexistent/thread.json"], /cannot read \/nonexistent\/thread\.json: ENOENT/],
    [["--repo", "not-a-repo", SEED], /--repo must be owner\/name/],
    [["--yes", SEED], /--yes goes with --create/],
    [["--create", SEED], /--create needs GITHUB_TOKEN/],
    [["--form", "/nowhere/form.json", SEED], /\/nowhere\/form\.json: cannot read: ENOENT/],
    [["--form", "bug_report.yml", SEED], /convert it with `yq -o=json/],
  ])("refuses %j with exit 2 and a one-line reason", async (args, reason) => {
    const t = io();
    expect(await runCli(["issue", ...args], t.io)).toBe(2);
    expect(t.err()).toMatch(reason);
    expect(t.err().trim().split("\n")).toHaveLength(1);
  });
});

describe("issue --create against a fake GitHub", () => {
  let fake: FakeGitHub;
  const env = () => ({
    GITHUB_TOKEN: fake.token,
    GITHUB_API_URL: fake.url,
    GITHUB_REPO: "openclaw/openclaw",
  });
  const run = (args: string[], t = io()) =>
    runIssueCommand(args, t.io, env(), { spacing: false, throttleId: `cli-${Math.random()}` }).then(
      (code) => ({ code, t }),
    );

  afterEach(async () => {
    await fake?.close();
  });

  it("previews without --yes, files with it", async () => {
    fake = await startFakeGitHub();
    const preview = await run(["--create", SEED]);
    expect(preview.code).toBe(0);
    expect(preview.t.out()).toContain(
      "No open or recently closed issue in openclaw/openclaw carries this fingerprint",
    );
    expect(preview.t.out()).toContain("Re-run with --create --yes to file it.");
    expect(fake.requestsTo("POST", ISSUES)).toHaveLength(0);

    const filed = await run(["--create", "--yes", SEED]);
    expect(filed.code).toBe(0);
    expect(filed.t.out()).toContain(`Filed #1: ${fake.url}/openclaw/openclaw/issues/1`);
    expect(fake.requestsTo("POST", ISSUES)).toHaveLength(1);
    expect(fake.repo("openclaw/openclaw").issues[0]?.labels).toEqual(["bug"]);
  });

  it("offers the duplicate, then adds the evidence there with --yes", async () => {
    fake = await startFakeGitHub();
    await run(["--create", "--yes", SEED]);
    const again = await run(["--create", SEED]);
    expect(again.t.out()).toContain("This looks like an existing issue; add your evidence there");
    expect(again.t.out()).toContain(
      "Re-run with --create --yes to add this evidence to #1 as a comment",
    );
    const commented = await run([
      "--create",
      "--yes",
      "--thread-url",
      "https://discord.com/channels/1/2",
      SEED,
    ]);
    expect(commented.t.out()).toMatch(
      /Added the evidence to #1: http:\/\/127\.0\.0\.1:\d+\/openclaw\/openclaw\/issues\/1#issuecomment-\d+/,
    );
    expect(fake.requestsTo("POST", `${ISSUES}/1/comments`)).toHaveLength(1);
    expect(fake.requestsTo("POST", ISSUES)).toHaveLength(1);
    const json = await run(["--json", "--create", SEED]);
    expect(JSON.parse(json.t.out())).toMatchObject({
      suggested: "comment",
      duplicates: [{ issue: { number: 1 } }],
      filed: null,
    });
  });

  it("exits 1 with the reason when GitHub refuses", async () => {
    fake = await startFakeGitHub();
    const t = io();
    const code = await runIssueCommand(
      ["--create", "--yes", SEED],
      t.io,
      { ...env(), GITHUB_TOKEN: "wrong" },
      { spacing: false, throttleId: "cli-bad" },
    );
    expect(code).toBe(1);
    expect(t.err()).toMatch(
      /^ratelimit-triage issue: not filing without a duplicate search \(search issues in openclaw\/openclaw: GitHub rejected the token \(401\)\); add --new to file anyway\n$/,
    );
    expect(fake.requestsTo("POST", ISSUES)).toHaveLength(0);
  });
});
