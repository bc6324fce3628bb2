import { execFileSync } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { memoryIo } from "../helpers/cli-io.js";
import { fixturePath } from "../helpers/fixtures.js";

const ROOT = join(import.meta.dirname, "..", "..");

describe("the bundled CLI (what `ratelimit-triage` and `npm run triage` run)", () => {
  it("is built on install and named by bin and triage", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.prepare).toBe("node scripts/build-cli.mjs");
    expect(pkg.bin["ratelimit-triage"]).toBe("dist/cli/main.mjs");
    // scripts/triage.mjs rebuilds a missing or stale bundle, then runs it.
    expect(pkg.scripts.triage).toBe("node scripts/triage.mjs");
    expect(readFileSync(join(ROOT, "scripts/triage.mjs"), "utf8")).toContain(
      `join(root, "${pkg.bin["ratelimit-triage"]}")`,
    );
  });

  it("answers exactly as the sources do", async () => {
    const outdir = join(ROOT, "dist/test-bundles/cli");
    execFileSync(process.execPath, [join(ROOT, "scripts/build-cli.mjs"), outdir]);
    const file = fixturePath("threads", "openai-tpm-try-again.json");
    const bundled = execFileSync(process.execPath, [join(outdir, "main.mjs"), "analyze", file], {
      encoding: "utf8",
    });
    const t = memoryIo();
    expect(await runCli(["analyze", file], t.io)).toBe(0);
    expect(bundled).toBe(t.out());
    expect(bundled).toContain("tokens-per-minute");
  });
});

describe("npm run triage (scripts/triage.mjs)", () => {
  it("builds the bundle when it is missing or older than a source, and runs it", () => {
    const project = mkdtempSync(join(tmpdir(), "rlt-triage-"));
    try {
      for (const part of ["package.json", "src", "scripts", "data", "prompts"])
        cpSync(join(ROOT, part), join(project, part), { recursive: true });
      symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"));
      const bundle = join(project, "dist/cli/main.mjs");
      const triage = (...args: string[]) =>
        execFileSync(process.execPath, [join(project, "scripts/triage.mjs"), ...args], {
          encoding: "utf8",
          input: "key=AIzaSyA1234567890abcdefghijklmnopqrstuv\n",
        });

      expect(triage("--help")).toContain("Usage:");
      const built = statSync(bundle).mtimeMs;
      expect(triage("redact")).toBe("key=AIza…[redacted]\n");
      expect(statSync(bundle).mtimeMs).toBe(built);

      const later = new Date(Date.now() + 60_000);
      utimesSync(join(project, "src/cli/help.ts"), later, later);
      expect(triage("--help")).toContain("Usage:");
      expect(statSync(bundle).mtimeMs).toBeGreaterThan(built);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 60_000);
});
