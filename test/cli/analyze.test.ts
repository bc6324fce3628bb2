import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { TriageReport } from "../../src/core/report.js";
import { memoryIo } from "../helpers/cli-io.js";
import { fixturePath } from "../helpers/fixtures.js";

const io = memoryIo;

describe("analyze command", () => {
  it("prints a TriageReport with --json for a transcript file", async () => {
    const t = io();
    const code = await runCli(
      ["analyze", "--json", fixturePath("threads", "openai-tpm-try-again.json")],
      t.io,
    );
    expect(code).toBe(0);
    const report = TriageReport.parse(JSON.parse(t.out()));
    expect(report).toMatchObject({
      schemaVersion: 1,
      provider: "openai",
      errorClass: "tpm",
      retryAfterSeconds: 5.282,
    });
    expect(report.reply).toContain("tokens-per-minute");
  });

  it("reads a plain-text paste from stdin and prints the Markdown reply", async () => {
    const t = io(
      '{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}',
    );
    expect(await runCli(["analyze"], t.io)).toBe(0);
    expect(t.out()).toContain("**Not enough to tell which limit this is yet**");
    expect(t.out()).toContain("RESOURCE_EXHAUSTED");
  });

  it("joins several files into one thread", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rlt-analyze-"));
    writeFileSync(
      join(dir, "1.txt"),
      "openclaw --version: 2026.9.6\nModel: google/gemini-2.5-flash",
    );
    writeFileSync(
      join(dir, "2.txt"),
      '{"error":{"code":429,"message":"You exceeded your current quota","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaDimensions":{"model":"gemini-2.5-flash"}}]}]}}',
    );
    const t = io();
    expect(await runCli(["analyze", "--json", join(dir, "1.txt"), join(dir, "2.txt")], t.io)).toBe(
      0,
    );
    const report = JSON.parse(t.out());
    expect(report).toMatchObject({ provider: "google", errorClass: "rpd", retryable: false });
    expect(report.facts.tool).toMatchObject({ id: "openclaw", version: "2026.9.6" });
  });

  it("reads a bounded prefix of a huge paste and says what it skipped", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rlt-analyze-"));
    const line =
      "2026-11-23T22:42:37Z [provider-transport-fetch] provider=google status=429 elapsedMs=37\n";
    writeFileSync(join(dir, "huge.log"), `429 all day, log below\n${line.repeat(40_000)}`);
    const t = io();
    expect(await runCli(["analyze", "--json", join(dir, "huge.log")], t.io)).toBe(0);
    const report = JSON.parse(t.out());
    expect(report.facts.unreadable[0].reason).toMatch(
      /only the first 1,000,000 characters were read \([\d,]+ more were skipped\)/,
    );
    expect(report.reply).toContain("What I could not read");
  });

  it("refuses an unreadable file with a one-line reason and exit 2", async () => {
    const t = io();
    expect(await runCli(["analyze", "/nonexistent/thread.json"], t.io)).toBe(2);
    expect(t.err()).toMatch(
      /^ratelimit-triage analyze: cannot read \/nonexistent\/thread\.json: ENOENT\n$/,
    );
  });

  it("refuses binary input with exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rlt-analyze-"));
    writeFileSync(join(dir, "blob.bin"), Buffer.from([0, 1, 2, 0, 0, 0, 255, 0, 0, 3]));
    const t = io();
    expect(await runCli(["analyze", join(dir, "blob.bin")], t.io)).toBe(2);
    expect(t.err()).toMatch(/not text/);
  });

  it("refuses empty input with exit 2", async () => {
    const t = io("");
    expect(await runCli(["analyze"], t.io)).toBe(2);
    expect(t.err()).toMatch(/empty/);
  });

  it("runs as the package's triage script, as outside tools call it", () => {
    const run = spawnSync(
      "npm",
      [
        "run",
        "--silent",
        "triage",
        "--",
        "analyze",
        "--json",
        fixturePath("threads", "gemini-free-tier-per-day.json"),
      ],
      {
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      provider: "google",
      model: "gemini-2.5-flash",
      errorClass: "rpd",
      retryable: false,
    });
  });
});

describe("analyze --chart", () => {
  it("writes the thread's timeline as a PNG and prints the reply with the retries' cost", async () => {
    const t = io();
    const out = join(mkdtempSync(join(tmpdir(), "analyze-chart-")), "chart.png");
    const log = fixturePath("timeline", "per-minute-retries.log");
    expect(await runCli(["analyze", "--chart", out, log], t.io)).toBe(0);
    expect(readFileSync(out).subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(t.err()).toContain(`Chart written to ${out}`);
    expect(t.out()).toMatch(/What the retries cost:\*\* 29 retries in \d+ s/);
  });

  it("writes no file for a thread without times, and says so", async () => {
    const t = io();
    const out = join(mkdtempSync(join(tmpdir(), "analyze-chart-")), "none.svg");
    const code = await runCli(
      ["analyze", "--chart", out, fixturePath("threads", "openai-tpm-try-again.json")],
      t.io,
    );
    expect(code).toBe(0);
    expect(existsSync(out)).toBe(false);
    expect(t.err()).toContain("No chart written");
  });
});
