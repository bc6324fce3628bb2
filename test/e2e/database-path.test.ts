import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { explainOpenError } from "../../src/store/sqlite/open-error.js";
import { ConsoleProcess } from "../adapters/console/support/console-process.js";

describe("a DATABASE_PATH the bot cannot use", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rlt-dbpath-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("npm start says which variable, what is wrong, and exits 2 without a stack trace", async () => {
    const file = join(dir, "not-a-folder");
    writeFileSync(file, "x");
    const bot = new ConsoleProcess({ DATABASE_PATH: join(file, "bot.db") });
    expect(await bot.end()).toBe(2);
    expect(bot.stderr).toMatch(/^ratelimit-triage: DATABASE_PATH=.*not-a-folder\/bot\.db: /);
    expect(bot.stderr).toContain("is a file, not a folder");
    expect(bot.stderr).not.toMatch(/\n\s+at /);
  });

  it("a folder given as the file is named as such", async () => {
    const bot = new ConsoleProcess({ DATABASE_PATH: dir });
    expect(await bot.end()).toBe(2);
    expect(bot.stderr).toContain("it is a folder, not a file");
  });

  it("permission trouble names the folder and the fix (root in CI cannot be refused, so from the code)", () => {
    const error = Object.assign(new Error("EACCES: permission denied, mkdir"), { code: "EACCES" });
    const explained = explainOpenError(error, "/var/lib/ratelimit-triage/bot.db");
    expect(explained.reason).toMatch(
      /^no permission to create or write in \/var\/lib\/ratelimit-triage/,
    );
    expect(explained.reason).toContain("set DATABASE_PATH to a file in a folder the bot can write");
    const readonly = Object.assign(new Error("attempt to write a readonly database"), {
      code: "SQLITE_READONLY",
    });
    expect(explainOpenError(readonly, join(dir, "x.db")).reason).toMatch(/read-only/);
  });
});
