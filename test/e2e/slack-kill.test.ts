import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleBotProcess } from "../fakes/bot-bundle.js";
import { KILL_STEPS, type KillStep } from "../fakes/kill-steps.js";
import { FakeSlack } from "../fakes/slack/fake-slack.js";
import { eventEnvelope, messageEvent } from "../fakes/slack/payloads.js";
import { slackSender } from "../fakes/slack/signed-request.js";

const SECRET = "kill-test-signing-secret-0123456789";
const CHANNEL = "CSUPPORT1";
const USER = "UUSER0001";
const OPENAI_429 =
  "RateLimitError: 429 Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 26411, Requested 6230.";
/** Kills per step: 5 steps × 10 = 50 kills, each followed by a restart on the same file. */
const ROUNDS = 10;

let fake: FakeSlack;
let dir: string;
const children: ChildProcess[] = [];
/** The bot process as one bundled file (see bundleBotProcess). */
let BUNDLE: string;
beforeAll(async () => {
  BUNDLE = await bundleBotProcess("slack");
  fake = await FakeSlack.start();
  fake.state.users.set(USER, { name: "ada", displayName: "Ada" });
  dir = mkdtempSync(join(tmpdir(), "rlt-slack-kill-"));
});
afterAll(async () => {
  // A failed run can leave a warm or running bot behind: none may outlive the test.
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Bot {
  child: ChildProcess;
  port: number;
  exited: Promise<NodeJS.Signals | null>;
}

interface WarmBot {
  /** Opens the database and starts listening, armed to die at `step` on `threadKey`'s event. */
  go(kill?: { step: KillStep; threadKey: string }): Promise<Bot>;
}

/**
 * A bot process that has loaded its modules (the slow part) and waits to be told to start, so
 * the next one warms up while the current one runs. Only a started one opens the database.
 */
function warmBot(): WarmBot {
  const child = spawn(process.execPath, [BUNDLE], {
    env: {
      ...process.env,
      DATABASE_PATH: join(dir, "bot.db"),
      SLACK_API_URL: fake.apiUrl,
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_CHANNEL: CHANNEL,
    },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once("exit", (_code, signal) => resolve(signal)),
  );
  const listening = new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) resolve(JSON.parse(line).port);
    });
    void exited.then((signal) => reject(new Error(`bot exited before listening (${signal})`)));
  });
  return {
    async go(kill) {
      child.stdin?.write(`${JSON.stringify(kill ?? {})}\n`);
      return { child, port: await listening, exited };
    },
  };
}

/**
 * Slack's side of an event: delivered until a bot answers 200, the next try marked with
 * X-Slack-Retry-Num as Slack does. Returns false when the bot died without answering.
 */
async function deliver(bot: Bot, envelope: unknown, attempt: number): Promise<boolean> {
  const send = slackSender(`http://127.0.0.1:${bot.port}/slack/events`, SECRET);
  const options = attempt > 0 ? { retryNum: attempt, retryReason: "http_error" } : {};
  const res = await send.event(envelope, options).catch(() => null);
  return res?.status === 200;
}

function postsIn(rootTs: string) {
  return fake.callsOf("chat.postMessage").filter((c) => c.params.thread_ts === rootTs);
}

describe("Slack: a killed bot loses nothing and sends nothing twice", () => {
  it(`${KILL_STEPS.length * ROUNDS} kills between an event's arrival and its recorded delivery`, async () => {
    const roots: string[] = [];
    const kills: string[] = [];
    let unacked: unknown = null;
    let attempts = 0;
    let bot: Bot | null = null;
    let next = warmBot();
    for (let i = 0; i <= KILL_STEPS.length * ROUNDS; i++) {
      const step = KILL_STEPS[i % KILL_STEPS.length] as KillStep;
      const root = `17600${String(100000 + i)}.000100`;
      const last = i === KILL_STEPS.length * ROUNDS;
      bot = await next.go(last ? undefined : { step, threadKey: `slack:${CHANNEL}:${root}` });
      if (!last) next = warmBot();
      // Slack retries what the dead process never acked; the new one must take it.
      if (unacked !== null) {
        expect(await deliver(bot, unacked, ++attempts)).toBe(true);
        unacked = null;
      }
      const previous = roots.at(-1);
      if (previous) await fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === previous);
      if (last) break;

      roots.push(root);
      const envelope = eventEnvelope(
        fake.state,
        messageEvent({ channel: CHANNEL, user: USER, text: OPENAI_429, ts: root }),
      );
      attempts = 0;
      if (!(await deliver(bot, envelope, attempts))) unacked = envelope;
      kills.push(`${step}:${String(await bot.exited)}`);
    }
    // Let the last bot finish what it started, then check every thread.
    await fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === roots.at(-1));
    bot?.child.kill("SIGTERM");
    await bot?.exited;

    expect(kills).toHaveLength(KILL_STEPS.length * ROUNDS);
    expect(new Set(kills)).toEqual(new Set(KILL_STEPS.map((s) => `${s}:SIGKILL`)));
    const lost = roots.filter((r) => postsIn(r).length === 0);
    const doubled = roots.filter((r) => postsIn(r).length > 1);
    expect({ lost, doubled }).toEqual({ lost: [], doubled: [] });
    // Fifty process starts: 70–85 s on a lightly loaded machine, four minutes at a load of 15.
  }, 600_000);
});
