import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMAND_HELP } from "../../src/cli/help.js";
import { runCli } from "../../src/cli/main.js";
import { memoryIo } from "../helpers/cli-io.js";

/** The options a command's source accepts, read from the source so a new one cannot go undocumented. */
function optionsIn(source: string): string[] {
  return [...new Set(source.match(/"--[a-z][a-z-]+"/g)?.map((o) => o.slice(1, -1)) ?? [])];
}

describe("per-command help", () => {
  it.each(["analyze", "redact", "trace", "issue", "migrate-store"])(
    "%s -h and --help print its help, exit 0",
    async (name) => {
      for (const flag of ["-h", "--help"]) {
        const m = memoryIo();
        expect(await runCli([name, flag], m.io)).toBe(0);
        expect(m.out()).toBe(COMMAND_HELP[name]);
        expect(m.out()).toMatch(/^Usage: ratelimit-triage /);
        expect(m.out()).toMatch(/Examples?:\n {2}ratelimit-triage /);
      }
    },
  );

  it.each(["analyze", "trace", "issue", "migrate-store"])(
    "%s --help names every option its source accepts",
    (name) => {
      const source = readFileSync(
        new URL(`../../src/cli/commands/${name}.ts`, import.meta.url),
        "utf8",
      );
      for (const option of optionsIn(source)) expect(COMMAND_HELP[name]).toContain(option);
    },
  );

  it("analyze -h is help, not a file named -h", async () => {
    const m = memoryIo();
    expect(await runCli(["analyze", "-h"], m.io)).toBe(0);
    expect(m.err()).toBe("");
  });

  it("after --, -h is a file name again", async () => {
    const m = memoryIo();
    expect(await runCli(["analyze", "--", "-h"], m.io)).toBe(2);
    expect(m.err()).toContain("cannot read -h");
  });

  it("the summary points at per-command help and lists issue's options", async () => {
    const m = memoryIo();
    await runCli(["--help"], m.io);
    expect(m.out()).toContain("<command> --help");
    for (const o of [
      "--repo",
      "--form",
      "--thread-url",
      "--out",
      "--create",
      "--yes",
      "--new",
      "--comment",
    ])
      expect(m.out()).toContain(o);
  });
});
