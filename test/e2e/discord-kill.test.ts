import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleBotProcess } from "../fakes/bot-bundle.js";
import { FakeDiscord } from "../fakes/discord/fake-discord.js";
import { GEMINI_429, VERSION_FOLLOW_UP } from "../fakes/discord/pastes.js";
import type { Armed } from "../fakes/kill-points.js";
import { KILL_STEPS, type KillStep } from "../fakes/kill-steps.js";
import { maskWait } from "../helpers/mask-wait.js";

/**
 * What a person does, and where the bot dies: a new forum post, a follow-up in a thread the bot
 * answered, a question in a text channel (the bot opens its thread first, and may die with that
 * request in flight: "unthreaded"), each at every step between arrival and recorded delivery.
 */
type Scenario = "post" | "follow-up" | "question";
type Step = KillStep | "unthreaded";
const PLAN: ReadonlyArray<readonly [Scenario, Step]> = [
  ...KILL_STEPS.map((s) => ["post", s] as const),
  ...KILL_STEPS.map((s) => ["follow-up", s] as const),
  ["question", "unthreaded"],
  ...KILL_STEPS.map((s) => ["question", s] as const),
];
/** Kills in all, each followed by a restart on the same file: every pair of the plan 3 times or more. */
const KILLS = 50;
const FOLLOW_UPS = Array.from({ length: KILLS }, (_, i) => PLAN[i % PLAN.length]).filter(
  (p) => p?.[0] === "follow-up",
).length;

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
  /** Opens the database and logs in, armed to die where `kill` says (`{}`: a bot that lives). */
  go(kill?: Armed): Promise<Bot>;
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
      DISCORD_CHANNELS: `${world.forum.id},${world.text.id}`,
      DISCORD_STAFF_ROLES: world.staffRoleId,
    },
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.push(child);
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once("exit", (_code, signal) => resolve(signal)),
  );
  // Ready means logged in, open threads and channels read back and the outbox drained once.
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes('"ready":true')) resolve();
    });
    void exited.then((signal) => reject(new Error(`bot exited before it was ready (${signal})`)));
  });
  // A warm bot never started is killed at the end: only `go` reports a bot that died early.
  ready.catch(() => undefined);
  return {
    async go(kill) {
      child.stdin?.write(`${JSON.stringify(kill ?? {})}\n`);
      await ready;
      return { child, exited };
    },
  };
}

/**
 * Warm bots in line: a process needs a few seconds of a busy machine to load, far more than a
 * round takes, so several load side by side while the current one runs.
 */
const WARM_AHEAD = 2;
const line: WarmBot[] = [];
function nextBot(): WarmBot {
  while (line.length < WARM_AHEAD + 1) line.push(warmBot());
  return line.shift() as WarmBot;
}

/** The answer's parts, the wait line masked: everything else must match the undisturbed thread. */
const parts = (threadId: string) => fake.botMessages(threadId).map((m) => maskWait(m.content));
/** The bot has answered in the thread (its answer to a follow-up says what changed). */
const answered = (scenario: Scenario, threadId: string) =>
  scenario === "follow-up"
    ? parts(threadId).some((p) => p.includes("What changed"))
    : parts(threadId).length > 0;

async function stopGracefully(bot: Bot): Promise<void> {
  bot.child.kill("SIGTERM");
  await bot.exited;
}

/** Posts in the forum and waits for each post's reply: threads the follow-ups happen in. */
async function answeredPosts(count: number, title: string): Promise<string[]> {
  const { world } = fake;
  const ids = Array.from({ length: count }, (_, n) => {
    return fake.forumPost(world.alice, `${title} #${n}`, GEMINI_429).threadId;
  });
  for (const id of ids) await fake.waitFor(() => answered("post", id), `the reply in ${id}`);
  return ids;
}

describe("Discord: a killed bot loses nothing and sends nothing twice", () => {
  it(`${KILLS} kills between a message's arrival and its recorded delivery: posts, follow-ups, channel questions`, async () => {
    const { world } = fake;
    // An undisturbed bot answers one of each (what every disturbed thread must end up with) and
    // the posts the follow-ups are written in.
    let bot = await nextBot().go();
    const [controlBase, ...bases] = await answeredPosts(FOLLOW_UPS + 1, "Gemini 429 base");
    const controlPost = fake.forumPost(world.alice, "Gemini 429 control", GEMINI_429).threadId;
    const controlQuestion = fake.say(world.text.id, world.alice, GEMINI_429).id;
    fake.say(controlBase as string, world.alice, VERSION_FOLLOW_UP);
    await fake.waitFor(() => answered("post", controlPost), "the control post's reply");
    await fake.waitFor(() => answered("question", controlQuestion), "the control question's reply");
    await fake.waitFor(() => answered("follow-up", controlBase as string), "the control follow-up");
    await stopGracefully(bot);
    const expected: Record<Scenario, string[]> = {
      post: parts(controlPost),
      question: parts(controlQuestion),
      "follow-up": parts(controlBase as string),
    };

    const rounds: Array<{ scenario: Scenario; threadId: string }> = [];
    const kills: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const [scenario, step] = PLAN[i % PLAN.length] as readonly [Scenario, Step];
      const messageId = world.ids.next();
      // A thread opened on a channel message, and a forum post, take the message's id.
      const threadId = scenario === "follow-up" ? (bases.shift() as string) : messageId;
      const armed: Armed =
        step === "unthreaded" ? {} : { step, threadKey: `discord:${threadId}`, eventId: messageId };
      if (step === "unthreaded")
        fake.stallCalls("POST", new RegExp(`/messages/${messageId}/threads$`));
      bot = await nextBot().go(armed);
      // The gateway replays nothing to a new session: what the dead bot had not done is found by
      // this one at start-up (threads and channels read back, then the outbox drained).
      const previous = rounds.at(-1);
      if (previous)
        await fake.waitFor(
          () => answered(previous.scenario, previous.threadId),
          `the answer in ${previous.threadId} (${previous.scenario})`,
        );

      rounds.push({ scenario, threadId });
      if (scenario === "post")
        fake.forumPost(world.alice, `Gemini 429 #${i}`, GEMINI_429, [], messageId);
      else if (scenario === "question")
        fake.say(world.text.id, world.alice, GEMINI_429, [], messageId);
      else fake.say(threadId, world.alice, VERSION_FOLLOW_UP, [], messageId);
      if (step === "unthreaded") {
        await fake.waitFor(
          () => fake.calls("POST", new RegExp(`/messages/${messageId}/threads$`)).length > 0,
          "the request that opens the thread",
        );
        bot.child.kill("SIGKILL");
      }
      kills.push(`${scenario}/${step}:${String(await bot.exited)}`);
    }
    // A bot that lives finishes the last round and stops gracefully, with nothing left to do.
    bot = await nextBot().go();
    const last = rounds.at(-1) as (typeof rounds)[number];
    await fake.waitFor(() => answered(last.scenario, last.threadId), "the last answer");
    await stopGracefully(bot);

    expect(kills).toHaveLength(KILLS);
    expect(new Set(kills)).toEqual(new Set(PLAN.map(([s, k]) => `${s}/${k}:SIGKILL`)));
    for (const scenario of ["post", "question", "follow-up"] as const)
      expect(expected[scenario].length).toBeGreaterThan(0);
    // Every part of the answer once, as in the thread no kill disturbed.
    const lost = rounds.filter((r) => !answered(r.scenario, r.threadId));
    const doubled = rounds.filter((r) => parts(r.threadId).length > expected[r.scenario].length);
    expect({ lost, doubled }).toEqual({ lost: [], doubled: [] });
    for (const r of rounds) expect(parts(r.threadId)).toEqual(expected[r.scenario]);
    // Fifty process starts and their catch-up: minutes, and several more on a busy machine.
  }, 900_000);
});
