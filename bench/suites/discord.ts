/**
 * `npm run bench -- discord`: new forum posts at a fixed rate through the fake Discord gateway
 * (test/fakes/discord) to the bot started as `npm start` starts it (its own process, SQLite file,
 * DISCORD_API_URL pointing at the fake as the e2e tests do); everything on 127.0.0.1. Each post
 * is a THREAD_CREATE and its starter MESSAGE_CREATE with a Gemini 429 paste; the reply is the
 * bot's first message POSTed into the thread at the fake REST. Every BENCH_DISCORD_429_EVERY-th
 * thread (default 50; 0 for none) gets its first reply POST answered 429 with a Retry-After of
 * BENCH_DISCORD_RETRY_AFTER seconds (default 1): the fake checks the retry waited it out.
 * First BENCH_DISCORD_WARM_UP posts (default 20; 0 for none) at 10/s warm the bot up; then,
 * bounded: BENCH_DISCORD_RATES posts/s (default "20,50"), each for BENCH_DISCORD_SECONDS
 * (default 5), then at most BENCH_DISCORD_DRAIN_SECONDS (default 120) for the replies.
 * RSS and CPU time are the bot process's (/proc/<pid>/status and stat). BENCH_DISCORD_TIMELINE=1
 * prints the first replies per second on stderr; BENCH_DISCORD_LOG_LEVEL (default error) sets the
 * bot's log level, its log going to stderr. BENCH_DISCORD_HEARTBEAT_MS (default 41250, Discord's)
 * is the gateway's heartbeat interval.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { FakeDiscord } from "../../test/fakes/discord/fake-discord.js";
import { GEMINI_429 } from "../../test/fakes/discord/pastes.js";
import type { RecordedRequest } from "../../test/fakes/discord/rest.js";
import type { BenchSuite } from "../run.js";
import { type BenchBot, slope, startBenchBot } from "../support/bot-process.js";
import { fmtMs, percentile } from "../support/percentiles.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const POST_IN_CHANNEL = /^\/channels\/(\d+)\/messages$/;

type Bot = BenchBot;

/** The bot as `npm start` runs it (tsx src/main.ts), Discord only, on an SQLite file. */
function startBot(fake: FakeDiscord, databasePath: string): Promise<Bot> {
  return startBenchBot({
    root: ROOT,
    nodeArgs: process.env.BENCH_DISCORD_BOT_NODE_ARGS,
    // The bot logs on stdout: errors (or BENCH_DISCORD_LOG_LEVEL) go to the bench's stderr.
    stdout: "stderr",
    env: {
      DISCORD_TOKEN: fake.world.token,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_CHANNELS: fake.world.forum.id,
      DISCORD_STAFF_ROLES: fake.world.staffRoleId,
      DATABASE_PATH: databasePath,
      LOG_LEVEL: process.env.BENCH_DISCORD_LOG_LEVEL ?? "error",
    },
  });
}

/** What the fake REST saw of the bot's messages, per thread of the current phase. */
class ReplyWatch {
  readonly dispatchedAt = new Map<string, number>();
  readonly replyMs: number[] = [];
  /** When each thread's first reply arrived (performance.now()), for the timeline. */
  readonly firstReplyAt: number[] = [];
  /** Thread → content → how many distinct messages with it the bot posted there. */
  readonly posted = new Map<string, Map<string, number>>();
  private readonly seen = new Set<string>();

  constructor(private readonly fake: FakeDiscord) {}

  /** Called on every REST request the fake answered: a new bot message in one of our threads? */
  observe(req: RecordedRequest): void {
    if (req.method !== "POST") return;
    const threadId = POST_IN_CHANNEL.exec(req.path)?.[1];
    const at = threadId ? this.dispatchedAt.get(threadId) : undefined;
    if (!threadId || at === undefined) return;
    // The fake answers synchronously after recording: a message it created is the channel's last.
    const id = this.fake.world.channels.get(threadId)?.last_message_id;
    const message = typeof id === "string" ? this.fake.world.messages.get(id) : undefined;
    if (!message || message.author.id !== this.fake.world.bot.id || this.seen.has(message.id))
      return;
    this.seen.add(message.id);
    const contents = this.posted.get(threadId) ?? new Map<string, number>();
    if (contents.size === 0) {
      this.replyMs.push(performance.now() - at);
      this.firstReplyAt.push(performance.now());
    }
    contents.set(message.content, (contents.get(message.content) ?? 0) + 1);
    this.posted.set(threadId, contents);
  }
}

/** Resolves once every gateway socket has handed its queued frames to the kernel. */
async function gatewayFlushed(fake: FakeDiscord): Promise<void> {
  while ([...fake.gateway.wss.clients].some((ws) => ws.bufferedAmount > 0))
    await new Promise((r) => setTimeout(r, 5));
}

/** First replies per second of the phase (stderr): shows a stall, a burst after a 429, a steady cap. */
function timeline(replies: ReplyWatch, start: number, seconds: number): void {
  for (let s = 0; s < Math.ceil(seconds); s++) {
    const inS = replies.firstReplyAt.filter(
      (t) => t >= start + s * 1000 && t < start + (s + 1) * 1000,
    );
    process.stderr.write(`  ${s} s: ${inS.length} first replies\n`);
  }
}

async function phase(
  fake: FakeDiscord,
  bot: Bot,
  rate: number,
  seconds: number,
  watch: (w: ReplyWatch) => void,
): Promise<string> {
  const drainMs = Number(process.env.BENCH_DISCORD_DRAIN_SECONDS ?? 120) * 1000;
  const limitEvery = Number(process.env.BENCH_DISCORD_429_EVERY ?? 50);
  const retryAfterSeconds = Number(process.env.BENCH_DISCORD_RETRY_AFTER ?? 1);
  const replies = new ReplyWatch(fake);
  watch(replies);
  const limitedBefore = fake.limiter.records.length;
  const connectionsBefore = fake.gateway.connections;
  const resumesBefore = fake.gateway.resumes;
  const rssStart = bot.rss();
  const cpuStart = bot.cpuMs();
  const rss: Array<[number, number]> = [];
  const start = performance.now();
  const sampler = setInterval(() => rss.push([performance.now() - start, bot.rss()]), 100);
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const threadId = fake.world.ids.next();
    if (limitEvery > 0 && i % limitEvery === limitEvery - 1)
      fake.rateLimitNext({
        method: "POST",
        path: new RegExp(`^/channels/${threadId}/messages$`),
        retryAfterSeconds,
        global: false,
      });
    replies.dispatchedAt.set(threadId, performance.now());
    fake.forumPost(fake.world.alice, `Gemini 429 #${i}`, GEMINI_429, [], threadId);
  }
  // The window the posts were due in: longer only if the driver fell behind its schedule.
  const windowEnd = start + (total * 1000) / rate;
  if (windowEnd > performance.now())
    await new Promise((r) => setTimeout(r, windowEnd - performance.now()));
  const sendSeconds = (performance.now() - start) / 1000;
  await gatewayFlushed(fake);
  const flushSeconds = (performance.now() - start) / 1000;
  const drainStart = performance.now();
  while (replies.posted.size < total && performance.now() - drainStart < drainMs)
    await new Promise((r) => setTimeout(r, 20));
  const backlogSeconds = (performance.now() - drainStart) / 1000;
  const allSeconds = (performance.now() - start) / 1000;
  // A late retry would show up as a second copy: give one a moment to arrive.
  await new Promise((r) => setTimeout(r, 1000));
  clearInterval(sampler);
  if (process.env.BENCH_DISCORD_TIMELINE) timeline(replies, start, allSeconds);
  const rssEnd = bot.rss();
  const cpuPerPost = (bot.cpuMs() - cpuStart) / total;
  const duplicated = [...replies.posted.values()].filter((c) =>
    [...c.values()].some((n) => n > 1),
  ).length;
  const limited = fake.limiter.records.slice(limitedBefore);
  const honoured = limited.filter((r) => r.honoured === true).length;
  const early = limited.filter((r) => r.honoured === false).length;
  const events = total * 2;
  return [
    `${rate} posts/s for ${seconds} s: ${total} posts = ${events} gateway events dispatched in ${sendSeconds.toFixed(1)} s (${(events / sendSeconds).toFixed(0)} events/s), socket flushed at ${flushSeconds.toFixed(1)} s (${(events / flushSeconds).toFixed(0)} events/s delivered)`,
    `dispatch → reply at the REST p50 ${fmtMs(percentile(replies.replyMs, 50))}, p99 ${fmtMs(percentile(replies.replyMs, 99))}, max ${fmtMs(Math.max(...replies.replyMs))}; replied ${replies.posted.size}/${total}; lost (no reply when the drain ended) ${total - replies.posted.size}; threads with a message posted twice ${duplicated}; backlog after the load ${backlogSeconds.toFixed(1)} s; replied ${(replies.posted.size / allSeconds).toFixed(0)}/s overall`,
    `REST 429s (Retry-After ${retryAfterSeconds} s): ${limited.length} sent, ${honoured} honoured, ${early} retried early, ${limited.length - honoured - early} not retried; gateway reconnects ${fake.gateway.connections - connectionsBefore} (RESUMEs the fake ignores ${fake.gateway.resumes - resumesBefore})`,
    `bot RSS ${rssStart.toFixed(0)} → ${rssEnd.toFixed(0)} MiB (max ${Math.max(rssStart, ...rss.map(([, r]) => r)).toFixed(0)}), slope ${slope(rss).toFixed(1)} MiB/min; bot CPU ${cpuPerPost.toFixed(1)} ms per post`,
  ].join("\n  ");
}

export const suite: BenchSuite = {
  name: "discord",
  async run() {
    const rates = (process.env.BENCH_DISCORD_RATES ?? "20,50").split(",").map(Number);
    const seconds = Number(process.env.BENCH_DISCORD_SECONDS ?? 5);
    const dir = mkdtempSync(join(tmpdir(), "rlt-discord-bench-"));
    // Discord's own heartbeat interval by default: with the fake's 5 s for tests, a bot that reads
    // its socket a few seconds late under load misses an ACK, reconnects and asks to RESUME,
    // which the fake does not do, so every later event would be lost.
    const heartbeatIntervalMs = Number(process.env.BENCH_DISCORD_HEARTBEAT_MS ?? 41_250);
    const fake = await FakeDiscord.start({ heartbeatIntervalMs });
    let current: ReplyWatch | null = null;
    const wake = fake.rest.onRecord;
    fake.rest.onRecord = (req) => {
      wake(req);
      current?.observe(req);
    };
    const out: string[] = [];
    try {
      const bot = await startBot(fake, join(dir, "bot.db"));
      try {
        const watch = (w: ReplyWatch) => {
          current = w;
        };
        // discord.js, the first forum tag and the JIT are cold in a new process: the first posts
        // pay for that. Warm-up posts at 10/s, answered before the measured phases begin.
        const warmUp = Number(process.env.BENCH_DISCORD_WARM_UP ?? 20);
        if (warmUp > 0)
          out.push(`warm-up (not measured): ${await phase(fake, bot, 10, warmUp / 10, watch)}`);
        for (const rate of rates) out.push(await phase(fake, bot, rate, seconds, watch));
      } finally {
        await bot.stop();
      }
    } finally {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
};
