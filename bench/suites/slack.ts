/**
 * `npm run bench -- slack`: signed Events API requests at a fixed rate to the bot started as
 * `npm start` starts it (its own process, HTTP mode, SQLite file), against the fake Slack Web API
 * (test/fakes/slack) in this process; everything on 127.0.0.1. The driver and the fake share this
 * process and one core; the bot has the other. Each event opens a new help thread with a 429
 * paste; the reply is the bot's first chat.postMessage into it. Bounded: BENCH_SLACK_RATES events/s
 * (default "100,300"), each for BENCH_SLACK_SECONDS (default 10), then at most
 * BENCH_SLACK_DRAIN_SECONDS (default 120) for the replies. With BENCH_SLACK_DUE_TIMERS (e.g.
 * 12000) a last phase restarts the bot after a simulated day of downtime: that many threads have
 * their nudge due, the bot's first tick fires them while events arrive at
 * BENCH_SLACK_CATCH_UP_RATE (default 100/s). RSS is the bot process's (/proc/<pid>/status).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import { FakeSlack } from "../../test/fakes/slack/fake-slack.js";
import { SIGNING_SECRET, SUPPORT, USER } from "../../test/fakes/slack/harness.js";
import { eventEnvelope, messageEvent } from "../../test/fakes/slack/payloads.js";
import { type SlackSender, slackSender } from "../../test/fakes/slack/signed-request.js";
import { seedChange } from "../../test/helpers/seed-threads.js";
import type { BenchSuite } from "../run.js";
import { type BenchBot, slope, startBenchBot } from "../support/bot-process.js";
import { fmtMs, percentile } from "../support/percentiles.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const PASTE =
  "Getting this all afternoon:\n```\nRateLimitError: 429 Rate limit reached for gpt-4o in organization org-FAKEFAKEFAKE on tokens per min (TPM): Limit 30000, Used 26411, Requested 6230. Please try again in 5.282s.\n```";

interface Bot extends BenchBot {
  send: SlackSender;
}

/** The bot as `npm start` runs it (tsx src/main.ts), in HTTP mode on an SQLite file. */
async function startBot(fake: FakeSlack, databasePath: string): Promise<Bot> {
  const bot = await startBenchBot({
    root: ROOT,
    nodeArgs: process.env.BENCH_SLACK_BOT_NODE_ARGS,
    stdout: "ignore",
    env: {
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_CHANNEL: SUPPORT,
      DATABASE_PATH: databasePath,
      LOG_LEVEL: process.env.BENCH_SLACK_LOG_LEVEL ?? "error",
    },
  });
  return { ...bot, send: slackSender(`http://127.0.0.1:${bot.port}/slack/events`, SIGNING_SECRET) };
}

async function phase(
  fake: FakeSlack,
  bot: Bot,
  rate: number,
  seconds: number,
  run: number,
  // Messages sent now: an old ts would make the bot's stale timers come due during the run, and
  // its nudges would count as second replies.
  tsBase = Math.floor(Date.now() / 1000),
): Promise<string> {
  const drainMs = Number(process.env.BENCH_SLACK_DRAIN_SECONDS ?? 120) * 1000;
  const sentAt = new Map<string, number>();
  const replyMs: number[] = [];
  const replies = new Map<string, number>();
  const acks: number[] = [];
  const timeline: Array<[number, number]> = [];
  let failed = 0;
  let scanned = fake.calls.length;
  const rss: Array<[number, number]> = [];
  const start = performance.now();
  const watch = setInterval(() => {
    const now = performance.now();
    rss.push([now - start, bot.rss()]);
    for (; scanned < fake.calls.length; scanned++) {
      const call = fake.calls[scanned];
      if (call?.method !== "chat.postMessage") continue;
      const ts = String(call.params.thread_ts ?? "");
      const at = sentAt.get(ts);
      if (at === undefined) continue;
      const seen = replies.get(ts) ?? 0;
      if (seen === 0) replyMs.push(now - at);
      replies.set(ts, seen + 1);
    }
  }, 5);
  const total = Math.round(rate * seconds);
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const ts = `${tsBase + run * 100_000 + i}.000100`;
    const envelope = eventEnvelope(
      fake.state,
      messageEvent({ channel: SUPPORT, user: USER, ts, text: PASTE }),
      `EvBench${run}-${i}`,
    );
    const sent = performance.now();
    sentAt.set(ts, sent);
    inflight.push(
      bot.send.event(envelope).then(
        async (res) => {
          acks.push(performance.now() - sent);
          timeline.push([sent - start, performance.now() - sent]);
          if (res.status !== 200) failed++;
          await res.arrayBuffer();
        },
        () => {
          failed++;
        },
      ),
    );
  }
  await Promise.all(inflight);
  const sendSeconds = (performance.now() - start) / 1000;
  const drainStart = performance.now();
  while (replies.size < total && performance.now() - drainStart < drainMs) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const backlogSeconds = (performance.now() - drainStart) / 1000;
  const allSeconds = (performance.now() - start) / 1000;
  clearInterval(watch);
  if (process.env.BENCH_SLACK_TIMELINE) {
    // Acks per 100 ms of sending time: shows whether a slow p99 is a start-up burst or steady.
    for (let s = 0; s < seconds * 10; s++) {
      const inS = timeline.filter(([t]) => t >= s * 100 && t < (s + 1) * 100).map(([, v]) => v);
      if (inS.length === 0) continue;
      process.stderr.write(
        `  ${(s / 10).toFixed(1)} s: ack p50 ${fmtMs(percentile(inS, 50))} p99 ${fmtMs(percentile(inS, 99))} max ${fmtMs(Math.max(...inS))}\n`,
      );
    }
  }
  const duplicates = [...replies.values()].filter((n) => n > 1).length;
  const slow = acks.filter((ms) => ms > 3000).length;
  return [
    `${rate} events/s for ${seconds} s: sent ${total} in ${sendSeconds.toFixed(1)} s (${(total / sendSeconds).toFixed(0)}/s acked); ${slow} acks over 3 s`,
    `ack p50 ${fmtMs(percentile(acks, 50))}, p99 ${fmtMs(percentile(acks, 99))}, max ${fmtMs(Math.max(...acks))}; non-200 ${failed}`,
    `reply p50 ${fmtMs(percentile(replyMs, 50))}, p99 ${fmtMs(percentile(replyMs, 99))}; replied ${replies.size}/${total} (lost ${total - replies.size}, threads with >1 reply ${duplicates}); backlog after the load ${backlogSeconds.toFixed(1)} s; decided ${(replies.size / allSeconds).toFixed(0)}/s overall`,
    `bot RSS ${rss.at(-1)?.[1].toFixed(0)} MiB (max ${Math.max(...rss.map(([, r]) => r)).toFixed(0)}), slope ${slope(rss).toFixed(1)} MiB/min`,
  ].join("\n  ");
}

/** Events at `rate` while the bot, restarted after a day of downtime, fires `due` nudges. */
async function catchUp(
  fake: FakeSlack,
  databasePath: string,
  due: number,
  rate: number,
  seconds: number,
  run: number,
): Promise<string> {
  const store = openSqliteStore(databasePath);
  for (let i = 0; i < due; i++) await store.commit(seedChange(i, { dueCount: due }));
  await store.close();
  const before = fake.callsOf("chat.postMessage").length;
  const bot = await startBot(fake, databasePath);
  try {
    const during = await phase(fake, bot, rate, seconds, run);
    const nudges = fake.callsOf("chat.postMessage").length - before;
    return `after a day of downtime, ${due} nudges due at start (${nudges} posts in all by the end)\n  ${during}`;
  } finally {
    await bot.stop();
  }
}

export const suite: BenchSuite = {
  name: "slack",
  async run() {
    const rates = (process.env.BENCH_SLACK_RATES ?? "100,300").split(",").map(Number);
    const seconds = Number(process.env.BENCH_SLACK_SECONDS ?? 10);
    const dir = mkdtempSync(join(tmpdir(), "rlt-slack-bench-"));
    const fake = await FakeSlack.start();
    fake.state.users.set(USER, { name: "ada", displayName: "Ada" });
    const out: string[] = [];
    try {
      const bot = await startBot(fake, join(dir, "bot.db"));
      try {
        for (const [run, rate] of rates.entries())
          out.push(await phase(fake, bot, rate, seconds, run));
      } finally {
        await bot.stop();
      }
      const due = Number(process.env.BENCH_SLACK_DUE_TIMERS ?? 0);
      const catchUpRate = Number(process.env.BENCH_SLACK_CATCH_UP_RATE ?? 100);
      if (due > 0)
        out.push(
          await catchUp(fake, join(dir, "catch-up.db"), due, catchUpRate, seconds, rates.length),
        );
    } finally {
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
};
