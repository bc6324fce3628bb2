import { execFileSync, spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeSnapshot } from "../../src/knowledge/snapshot.js";
import { fixturePath } from "../helpers/fixtures.js";

const ROOT = join(import.meta.dirname, "..", "..");

function cliIn(project: string, args: string[], input = "") {
  return spawnSync(process.execPath, [join(project, "dist/cli/main.mjs"), ...args], {
    input,
    encoding: "utf8",
  });
}

/**
 * The bundle in a copy of the project: its snapshot is marked (every hypothesis and mitigation
 * title starts with "SNAPSHOT"), so an answer shows which knowledge it came from.
 */
describe("the bundled CLI's knowledge snapshot", () => {
  let project: string;
  const cli = (args: string[], input = "") => cliIn(project, args, input);
  const thread = fixturePath("threads", "gemini-free-tier-per-day.json");

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), "rlt-cli-"));
    for (const part of ["package.json", "data", "prompts"])
      cpSync(join(ROOT, part), join(project, part), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"));
    execFileSync(process.execPath, [
      join(ROOT, "scripts/build-cli.mjs"),
      join(project, "dist/cli"),
    ]);
    const file = join(project, "dist/cli/knowledge-snapshot.json");
    const snapshot = JSON.parse(readFileSync(file, "utf8")) as KnowledgeSnapshot;
    for (const h of snapshot.knowledge.hypotheses) h.title = `SNAPSHOT ${h.title}`;
    for (const m of snapshot.knowledge.mitigations) m.title = `SNAPSHOT ${m.title}`;
    writeFileSync(file, JSON.stringify(snapshot));
  }, 60_000);
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it("is what a run on unchanged data/ reads", () => {
    const run = cli(["analyze", "--json", thread]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('"title": "SNAPSHOT ');
  });

  it("answers the same with a corrupt code cache, or without analyze's CommonJS bundle", () => {
    const paste = "Error 429 RESOURCE_EXHAUSTED quota exceeded for gemini-2.5-flash\n";
    const analyze = () => cli(["analyze", "--json"], paste).stdout;
    const expected = analyze();
    expect(expected).toContain("SNAPSHOT ");
    writeFileSync(join(project, "dist/cli/fast-commands.cjs.cache"), "not a code cache");
    expect(analyze()).toBe(expected);
    rmSync(join(project, "dist/cli/fast-commands.cjs"));
    expect(analyze()).toBe(expected);
    expect(cli(["analyze", "--bogus"]).stderr).toBe(
      "ratelimit-triage analyze: unknown option --bogus\n",
    );
  });

  it("is set aside once a data/ file is edited: data/ is loaded and validated again", () => {
    appendFileSync(join(project, "data/hypotheses/core.json"), "\n");
    const run = cli(["analyze", "--json", thread]);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain("SNAPSHOT");
    expect(JSON.parse(run.stdout).hypotheses.length).toBeGreaterThan(0);

    writeFileSync(
      join(project, "data/providers.json"),
      JSON.stringify([{ id: "google", name: 3 }]),
    );
    const broken = cli(["analyze", thread]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/data\/providers\.json at \[0\]\.name/);
  });

  it("redacts with the snapshot's rules, and with data/secrets.json once it is edited", () => {
    const key = "AIzaSyA1234567890abcdefghijklmnopqrstuv";
    expect(cli(["redact"], `key=${key}\n`).stdout).toBe("key=AIza…[redacted]\n");
    appendFileSync(join(project, "data/secrets.json"), "\n");
    expect(cli(["redact"], `key=${key}\n`).stdout).toBe("key=AIza…[redacted]\n");
    writeFileSync(join(project, "data/secrets.json"), "[]");
    expect(cli(["redact"], `key=${key}\n`).stdout).toBe(`key=${key}\n`);
  });
});
