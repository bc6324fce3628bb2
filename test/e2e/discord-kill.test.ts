import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleBotProcess } from "../fakes/bot-bundle.js";
import { FakeDiscord } from "../fakes/discord/fake-discord.js";
import { GEMINI_429 } from "../fakes/discord/pastes.js";
import { KILL_STEPS, type KillStep } from "../fakes/kill-steps.js";

/** Kills per step: 5 steps × 10 = 50 kills, each followed by a restart on the same file. */
const ROUNDS = 10;

let fake: FakeDiscord;
let dir: string;
const children: ChildProcess[] = [];
/** The bot process as one bundled file (see bundleBotProcess). */
let BUNDLE: string;
beforeAll(async () => {
  BUNDLE = await bundleBotProcess("discord");
  fake = await FakeDiscord.start();
  dir = mkdtempSync(join(tmpdir(), "rlt-discord-kill-"));
});
afterAll(async () => {
  // A failed run can leave a warm or running bot behind: none may outlive the test.
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Bot {
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | null>;
}

interface WarmBot {
  /** Opens the database and logs in, armed to die at `step` on `threadKey`'s event. */
  go(kill?: { step: KillStep; threadKey: string }): Promise<Bot>;
}

/**
 * A bot process that has loaded its modules (the slow part) and waits to be told to start, so
 * the next one warms up while the current one runs. Only a started one opens the database and
 * connects to the gateway, so one bot at a time sees the fake's messages.
 */
function warmBot(): WarmBot {
  const { world } = fake;
  const child = spawn(process.execPath, [BUNDLE], {
    env: {
      ...process.env,
      DATABASE_PATH: join(dir, "bot.db"),
      DISCORD_TOKEN: world.token,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_CHANNELS: world.forum.id,
      DISCORD_STAFF_ROLES: world.staffRoleId,
    },
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.push(child);
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once("exit", (_code, signal) => resolve(signal)),
  );
  // Ready means logged in, open threads read back and the outbox drained once.
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes('"ready":true')) resolve();
    });
    void exited.then((signal) => reject(new Error(`bot exited before it was ready (${signal})`)));
  });
  return {
    async go(kill) {
      child.stdin?.write(`${JSON.stringify(kill ?? {})}\n`);
      await ready;
      return { child, exited };
    },
  };
}

const replyIn = (threadId: string) => fake.botMessages(threadId).length > 0;

describe("Discord: a killed bot loses nothing and sends nothing twice", () => {
  it(`${KILL_STEPS.length * ROUNDS} kills between MESSAGE_CREATE and the recorded delivery`, async () => {
    const { world } = fake;
    const threads: string[] = [];
    const kills: string[] = [];
    let bot: Bot | null = null;
    let next = warmBot();
    for (let i = 0; i < KILL_STEPS.length * ROUNDS; i++) {
      const step = KILL_STEPS[i % KILL_STEPS.length] as KillStep;
      const threadId = world.ids.next();
      bot = await next.go({ step, threadKey: `discord:${threadId}` });
      next = warmBot();
      // The gateway replays nothing to a new session: what the dead bot had not sent is found by
      // this one at start-up (open threads read back, then the outbox drained).
      const previous = threads.at(-1);
      if (previous) await fake.waitFor(() => replyIn(previous), `the reply in ${previous}`);

      threads.push(threadId);
      fake.forumPost(world.alice, `Gemini 429 #${i}`, GEMINI_429, [], threadId);
      kills.push(`${step}:${String(await bot.exited)}`);
    }
    // A bot that lives: it finishes the last thread, and answers a control thread, undisturbed.
    bot = await next.go();
    const last = threads.at(-1) as string;
    await fake.waitFor(() => replyIn(last), `the reply in ${last}`);
    const control = fake.forumPost(world.alice, "Gemini 429 control", GEMINI_429).threadId;
    await fake.waitFor(() => replyIn(control), "the control thread's reply");
    bot.child.kill("SIGTERM");
    await bot.exited;

    expect(kills).toHaveLength(KILL_STEPS.length * ROUNDS);
    expect(new Set(kills)).toEqual(new Set(KILL_STEPS.map((s) => `${s}:SIGKILL`)));
    // Every part of the reply once, as in the thread no kill disturbed.
    const parts = (id: string) => fake.botMessages(id).map((m) => m.content);
    const expected = parts(control);
    expect(expected.length).toBeGreaterThan(0);
    const lost = threads.filter((t) => parts(t).length === 0);
    const doubled = threads.filter((t) => parts(t).length > expected.length);
    expect({ lost, doubled }).toEqual({ lost: [], doubled: [] });
    for (const t of threads) expect(parts(t)).toEqual(expected);
  }, 120_000);
});
