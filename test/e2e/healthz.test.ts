/**
 * `npm start` with Discord only (no Slack receiver) still answers GET /healthz on PORT with the
 * store and the platform, and turns it off when told to stop.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord/fake-discord.js";

let fake: FakeDiscord;
let child: ChildProcess | undefined;
const dir = mkdtempSync(join(tmpdir(), "rlt-healthz-main-"));
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The port from the bot's "GET /healthz listening" log line (pino JSON on stdout). */
function healthPort(bot: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    bot.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split("\n")) {
        if (!line.includes("/healthz listening")) continue;
        resolve(JSON.parse(line).port);
      }
    });
    bot.once("exit", (code) => reject(new Error(`bot exited (${code}) before serving /healthz`)));
  });
}

describe("GET /healthz without Slack", () => {
  it("reports the SQLite store and a running Discord bot", async () => {
    child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        ...process.env,
        DISCORD_TOKEN: fake.world.token,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_CHANNELS: fake.world.forum.id,
        DATABASE_PATH: join(dir, "bot.db"),
        PORT: "0",
        HOST: "127.0.0.1",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const port = await healthPort(child);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      store: { ok: true, detail: "sqlite" },
      platforms: { discord: { ok: true, detail: "running" } },
      draining: false,
    });
    const exited = new Promise((resolve) => child?.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 60_000);
});
