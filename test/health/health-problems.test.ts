import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { healthProblems } from "../../src/health/health-problems.js";

describe("the container health check", () => {
  let dir: string;
  let server: Server | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rlt-health-"));
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  it("is healthy with a writable data folder (console: no HTTP to ask)", async () => {
    expect(await healthProblems({ DATABASE_PATH: join(dir, "bot.db") })).toEqual([]);
  });

  it("names a data folder it cannot write", async () => {
    const problems = await healthProblems({ DATABASE_PATH: join(dir, "missing", "bot.db") });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATABASE_PATH folder .*missing is not writable/);
  });

  it("with a platform configured asks /healthz on PORT", async () => {
    server = createServer((req, res) => res.writeHead(req.url === "/healthz" ? 200 : 404).end());
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const port = String((server.address() as AddressInfo).port);
    const env = { DATABASE_PATH: join(dir, "bot.db"), SLACK_BOT_TOKEN: "xoxb-test", PORT: port };
    expect(await healthProblems(env)).toEqual([]);
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    const down = await healthProblems(env);
    expect(down[0]).toMatch(/\/healthz did not answer/);
  });
});
