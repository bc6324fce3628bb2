import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
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
    expect(pkg.scripts.triage).toBe(`node ${pkg.bin["ratelimit-triage"]}`);
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
