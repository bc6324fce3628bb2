/**
 * `npm start` with Slack decides on its engine thread (ENGINE_THREAD, on by default): the main
 * thread acks and records, the thread decides and posts (its inbox pump and outbox drainer run
 * there). A bot killed after its acks loses nothing: the next start decides what the inbox
 * holds, and replies once.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/render/slack/ids.js";
import { eventually } from "../fakes/slack/eventually.js";
import { FakeSlack } from "../fakes/slack/fake-slack.js";
import { SIGNING_SECRET, SUPPORT, USER } from "../fakes/slack/harness.js";
import { blockAction, eventEnvelope, messageEvent } from "../fakes/slack/payloads.js";
import { slackSender } from "../fakes/slack/signed-request.js";

const PASTE =
  'Since this morning: 429 {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}} on gemini-2.5-flash';

let fake: FakeSlack;
let dir: string;
const running: ChildProcess[] = [];

beforeAll(async () => {
  fake = await FakeSlack.start();
  fake.state.users.set(USER, { name: "ada", displayName: "Ada" });
  dir = mkdtempSync(join(tmpdir(), "rlt-engine-thread-"));
});
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});
afterAll(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface StartedBot {
  child: ChildProcess;
  port: number;
  logs: () => string;
}

/** `npm start` with Slack in HTTP mode against the fake, in a process of its own. */
function spawnBot(databasePath: string, extraEnv: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_CHANNELS: SUPPORT,
      DATABASE_PATH: databasePath,
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  running.push(child);
  return child;
}

/** The bot started; resolves with the port from its "Slack bot started" log line. */
function startBot(
  databasePath: string,
  extraEnv: Record<string, string> = {},
): Promise<StartedBot> {
  const child = spawnBot(databasePath, extraEnv);
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.includes('"msg":"Slack bot started"'));
      if (line) resolve({ child, port: JSON.parse(line).port, logs: () => out });
    });
    child.once("exit", (code) =>
      reject(new Error(`bot exited (${code}) before starting:\n${out}`)),
    );
  });
}

/**
 * A thread ts of this minute: an old one makes the thread's "still happening?" nudge come due as
 * soon as the bot starts, a second post that is no duplicate.
 */
const START = Math.floor(Date.now() / 1000);
const recentTs = (n: number) => `${START - 600 + n}.000100`;

function repliesIn(ts: string) {
  return fake.callsOf("chat.postMessage").filter((c) => c.params.thread_ts === ts);
}

async function sendPaste(port: number, ts: string, eventId: string) {
  const send = slackSender(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET);
  const envelope = eventEnvelope(
    fake.state,
    messageEvent({ channel: SUPPORT, user: USER, ts, text: PASTE }),
    eventId,
  );
  const res = await send.event(envelope);
  await res.arrayBuffer();
  return res.status;
}

// Each test starts `npm start` cold (tsx compiling the bot, the engine thread warming up): on a
// clean clone, beside the other test files, that alone took most of vitest's default 30 s.
describe("npm start with Slack and its engine thread", { timeout: 90_000 }, () => {
  it("acks, decides on the engine thread, replies, and stops cleanly", async () => {
    const bot = await startBot(join(dir, "a.db"));
    expect(bot.logs()).toContain("engine thread started and warmed up");
    const threads = [recentTs(1), recentTs(2), recentTs(3)];
    for (const [i, ts] of threads.entries())
      expect(await sendPaste(bot.port, ts, `EvEngine${i}`)).toBe(200);
    for (const ts of threads)
      await eventually(() => repliesIn(ts).length > 0, `a reply in ${ts}`, 20_000);
    bot.child.kill("SIGTERM");
    const [code] = await once(bot.child, "exit");
    expect(code).toBe(0);
    for (const ts of threads) expect(repliesIn(ts)).toHaveLength(1);
  });

  it("a button pressed right after a paste is decided after it, and both are sent from the engine thread", async () => {
    const bot = await startBot(join(dir, "button.db"));
    expect(bot.logs()).toContain('"decidesHere":false');
    const ts = recentTs(50);
    expect(await sendPaste(bot.port, ts, "EvButton")).toBe(200);
    const send = slackSender(`http://127.0.0.1:${bot.port}/slack/events`, SIGNING_SECRET);
    const click = blockAction(fake.state, {
      user: USER,
      channel: SUPPORT,
      actionId: ACTION_IDS.solved,
      value: `slack:${SUPPORT}:${ts}`,
      messageTs: ts,
    });
    expect((await send.interaction(click)).status).toBe(200);
    await eventually(
      () => fake.callsOf("reactions.add").some((c) => c.params.timestamp === ts),
      "the solved mark on the root",
      20_000,
    );
    // The thread's paste was decided first: its triage reply is there, once.
    expect(repliesIn(ts).length).toBeGreaterThanOrEqual(1);
    expect(String(repliesIn(ts)[0]?.params.text)).toContain("Not enough to tell");
    bot.child.kill("SIGTERM");
    const [code] = await once(bot.child, "exit");
    expect(code).toBe(0);
  });

  it("a SIGTERM while the platforms still start is a clean stop once they have", async () => {
    const child = spawnBot(join(dir, "early-stop.db"));
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      // The engine thread is up, Slack is not yet: the signal lands mid start-up.
      if (
        !out.includes("engine thread started") &&
        chunk.toString().includes("engine thread started")
      )
        child.kill("SIGTERM");
      out += chunk.toString();
    });
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
    expect(out).toContain("shutting down");
  });

  it("with ENGINE_THREAD=off it decides on the main thread, with the same reply", async () => {
    const bot = await startBot(join(dir, "b.db"), { ENGINE_THREAD: "off" });
    expect(bot.logs()).toContain('"decidesHere":true');
    expect(bot.logs()).not.toContain("engine thread started");
    const ts = recentTs(4);
    expect(await sendPaste(bot.port, ts, "EvEngineOff")).toBe(200);
    await eventually(() => repliesIn(ts).length > 0, "a reply on the main thread", 20_000);
    const onThread = repliesIn(recentTs(1))[0]?.params.text;
    expect(repliesIn(ts)[0]?.params.text).toEqual(onThread);
  });

  it("killed right after its acks, the next start replies to what it acked, once", async () => {
    const path = join(dir, "c.db");
    const first = await startBot(path);
    const threads = Array.from({ length: 20 }, (_, i) => recentTs(100 + i));
    const statuses = await Promise.all(
      threads.map((ts, i) => sendPaste(first.port, ts, `EvKill${i}`)),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    first.child.kill("SIGKILL");
    await once(first.child, "exit");

    const second = await startBot(path);
    for (const ts of threads)
      await eventually(
        () => repliesIn(ts).length > 0,
        `a reply in ${ts} after the restart`,
        30_000,
      );
    // Let a late duplicate show itself before counting.
    await new Promise((r) => setTimeout(r, 500));
    for (const ts of threads) expect(repliesIn(ts)).toHaveLength(1);
    second.child.kill("SIGTERM");
    await once(second.child, "exit");
  });
});
