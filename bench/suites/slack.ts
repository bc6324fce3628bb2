/**
 * `npm run bench -- slack`: signed Events API requests at a fixed rate to the bot started as
 * `npm start` starts it (its own process, HTTP mode, SQLite file), against the fake Slack Web API
 * (test/fakes/slack); everything on 127.0.0.1. The driver (bench/support/slack-driver-thread.ts)
 * and the fake (fake-slack-thread.ts) each run on a worker thread of this process, so neither
 * delays the other's work nor the reading of an ack.
 * The machine's two cores are shared by the bot's threads, the driver and the fake. Each event opens a new help thread with a 429
 * paste; the reply is the bot's first chat.postMessage into it. Bounded: BENCH_SLACK_RATES events/s
 * (default "100,300"), each for BENCH_SLACK_SECONDS (default 10), then at most
 * BENCH_SLACK_DRAIN_SECONDS (default 120) for the replies. With BENCH_SLACK_DUE_TIMERS (e.g.
 * 12000) a last phase restarts the bot after a simulated day of downtime: that many threads have
 * their nudge due, the bot's first tick fires them while events arrive at
 * BENCH_SLACK_CATCH_UP_RATE (default 100/s). RSS is the bot process's (/proc/<pid>/status).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import { SIGNING_SECRET, SUPPORT, USER } from "../../test/fakes/slack/harness.js";
import { eventEnvelope, messageEvent } from "../../test/fakes/slack/payloads.js";
import { seedChange } from "../../test/helpers/seed-threads.js";
import type { BenchSuite } from "../run.js";
import { type BenchBot, slope, startBenchBot } from "../support/bot-process.js";
import { RemoteFakeSlack } from "../support/fake-slack-remote.js";
import { fmtMs, percentile } from "../support/percentiles.js";
import { driveSignedEvents } from "../support/slack-driver.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const PASTE =
  "Getting this all afternoon:\n```\nRateLimitError: 429 Rate limit reached for gpt-4o in organization org-FAKEFAKEFAKE on tokens per min (TPM): Limit 30000, Used 26411, Requested 6230. Please try again in 5.282s.\n```";

const ACK_CLOCK = join(ROOT, "bench/support/ack-clock.mjs");

/** The bot as `npm start` runs it (tsx src/main.ts), in HTTP mode on an SQLite file. */
async function startBot(fake: RemoteFakeSlack, databasePath: string): Promise<BenchBot> {
  return startBenchBot({
    root: ROOT,
    nodeArgs: `--import ${ACK_CLOCK} ${process.env.BENCH_SLACK_BOT_NODE_ARGS ?? ""}`,
    stdout: "ignore",
    env: {
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_CHANNEL: SUPPORT,
      DATABASE_PATH: databasePath,
      BENCH_ACK_CLOCK_FILE: ackClockFile(databasePath),
      LOG_LEVEL: process.env.BENCH_SLACK_LOG_LEVEL ?? "error",
    },
  });
}

const ackClockFile = (databasePath: string) => `${databasePath}.ack-clock.json`;

interface Phase {
  text: string;
  /** When the load ran (epoch ms), to find its acks in the bot's own clock. */
  from: number;
  to: number;
}

/** The ack times and event-loop stalls the bot measured itself (ack-clock.mjs) during each phase. */
function insideTheBot(databasePath: string, phases: Phase[]): string[] {
  const file = ackClockFile(databasePath);
  if (!existsSync(file)) return phases.map((p) => p.text);
  const clock = JSON.parse(readFileSync(file, "utf8")) as {
    acks: Array<[number, number]>;
    stalls: Array<[number, number]>;
    gcs?: Array<[number, number, number]>;
  };
  const during = (rows: Array<[number, number]>, p: Phase) =>
    rows.filter(([at]) => at >= p.from && at <= p.to).map(([, ms]) => ms);
  return phases.map((p) => {
    const acks = during(clock.acks, p);
    const stalls = during(clock.stalls, p);
    if (acks.length === 0) return p.text;
    const gcs = during(
      (clock.gcs ?? []).map(([at, ms]): [number, number] => [at, ms]),
      p,
    );
    const seconds = (p.to - p.from) / 1000;
    const gcText =
      gcs.length === 0
        ? ""
        : `; GC pauses ${(gcs.length / seconds).toFixed(1)}/s, p50 ${fmtMs(percentile(gcs, 50))}, max ${fmtMs(Math.max(...gcs))}, ${gcs.filter((ms) => ms > 10).length} over 10 ms`;
    return `${p.text}\n  inside the bot (request to response sent, main thread): ack p50 ${fmtMs(percentile(acks, 50))}, p99 ${fmtMs(percentile(acks, 99))}, max ${fmtMs(Math.max(...acks))}; event-loop stalls p99 ${fmtMs(percentile(stalls, 99))}, max ${fmtMs(Math.max(...stalls))}${gcText}`;
  });
}

async function phase(
  fake: RemoteFakeSlack,
  bot: BenchBot,
  rate: number,
  seconds: number,
  run: number,
  // Messages sent now: an old ts would make the bot's stale timers come due during the run, and
  // its nudges would count as second replies.
  tsBase = Math.floor(Date.now() / 1000),
): Promise<Phase> {
  const drainMs = Number(process.env.BENCH_SLACK_DRAIN_SECONDS ?? 120) * 1000;
  const total = Math.round(rate * seconds);
  const tsOf = (i: number) => `${tsBase + run * 100_000 + i}.000100`;
  const index = new Map<string, number>();
  const bodies: string[] = [];
  for (let i = 0; i < total; i++) {
    index.set(tsOf(i), i);
    bodies.push(
      JSON.stringify(
        eventEnvelope(
          fake.state,
          messageEvent({ channel: SUPPORT, user: USER, ts: tsOf(i), text: PASTE }),
          `EvBench${run}-${i}`,
        ),
      ),
    );
  }
  // The first reply into each thread (epoch ms), and how many replies each thread got.
  const firstReplyAt = new Float64Array(total).fill(Number.NaN);
  const replies = new Map<string, number>();
  const stopWatching = fake.onPost((ts, atEpochMs) => {
    const i = index.get(ts);
    if (i === undefined) return;
    const seen = replies.get(ts) ?? 0;
    if (seen === 0) firstReplyAt[i] = atEpochMs;
    replies.set(ts, seen + 1);
  });
  const rss: Array<[number, number]> = [];
  const start = performance.now();
  const from = performance.timeOrigin + start;
  const watch = setInterval(() => rss.push([performance.now() - start, bot.rss()]), 50);
  const driven = await driveSignedEvents({
    origin: `http://127.0.0.1:${bot.port}`,
    path: "/slack/events",
    secret: SIGNING_SECRET,
    bodies,
    rate,
  });
  const to = performance.timeOrigin + performance.now();
  // From the first send to the last ack, as the driver's clock saw them (not its thread's start).
  let lastAck = 0;
  driven.sentAt.forEach((at, i) => {
    lastAck = Math.max(lastAck, at + (driven.ackMs[i] || 0));
  });
  const sendSeconds = (lastAck - (driven.sentAt[0] ?? lastAck)) / 1000;
  const drainStart = performance.now();
  while (replies.size < total && performance.now() - drainStart < drainMs) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const backlogSeconds = (performance.now() - drainStart) / 1000;
  const allSeconds = (performance.now() - start) / 1000;
  clearInterval(watch);
  stopWatching();
  const acks = [...driven.ackMs].filter((ms) => !Number.isNaN(ms));
  const replyMs = [...firstReplyAt]
    .map((at, i) => at - (driven.sentAt[i] as number))
    .filter((ms) => !Number.isNaN(ms));
  const failed = driven.failed;
  if (process.env.BENCH_SLACK_TIMELINE) {
    // Acks per 100 ms of sending time: shows whether a slow p99 is a start-up burst or steady.
    const first = driven.sentAt[0] ?? 0;
    for (let s = 0; s < seconds * 10; s++) {
      const inS = [...driven.ackMs].filter((ms, i) => {
        const t = (driven.sentAt[i] as number) - first;
        return !Number.isNaN(ms) && t >= s * 100 && t < (s + 1) * 100;
      });
      if (inS.length === 0) continue;
      process.stderr.write(
        `  ${(s / 10).toFixed(1)} s: ack p50 ${fmtMs(percentile(inS, 50))} p99 ${fmtMs(percentile(inS, 99))} max ${fmtMs(Math.max(...inS))}\n`,
      );
    }
  }
  const duplicates = [...replies.values()].filter((n) => n > 1).length;
  const slow = acks.filter((ms) => ms > 3000).length;
  const text = [
    `${rate} events/s for ${seconds} s: sent ${total} in ${sendSeconds.toFixed(1)} s (${(total / sendSeconds).toFixed(0)}/s acked); ${slow} acks over 3 s`,
    `ack p50 ${fmtMs(percentile(acks, 50))}, p99 ${fmtMs(percentile(acks, 99))}, max ${fmtMs(Math.max(...acks))}; non-200 ${failed}`,
    `reply p50 ${fmtMs(percentile(replyMs, 50))}, p99 ${fmtMs(percentile(replyMs, 99))}; replied ${replies.size}/${total} (not replied within the wait ${total - replies.size}, threads with >1 reply ${duplicates}); backlog after the load ${backlogSeconds.toFixed(1)} s; decided ${(replies.size / allSeconds).toFixed(0)}/s overall`,
    `bot RSS ${rss.at(-1)?.[1].toFixed(0)} MiB (max ${Math.max(...rss.map(([, r]) => r)).toFixed(0)}), slope ${slope(rss).toFixed(1)} MiB/min`,
  ].join("\n  ");
  return { text, from, to };
}

/** Events at `rate` while the bot, restarted after a day of downtime, fires `due` nudges. */
async function catchUp(
  fake: RemoteFakeSlack,
  databasePath: string,
  due: number,
  rate: number,
  seconds: number,
  run: number,
): Promise<string> {
  const store = openSqliteStore(databasePath);
  for (let i = 0; i < due; i++) await store.commit(seedChange(i, { dueCount: due }));
  await store.close();
  const before = fake.posts;
  const bot = await startBot(fake, databasePath);
  let during: Phase;
  try {
    during = await phase(fake, bot, rate, seconds, run);
  } finally {
    await bot.stop();
  }
  const nudges = fake.posts - before;
  const [text] = insideTheBot(databasePath, [during]);
  return `after a day of downtime, ${due} nudges due at start (${nudges} posts in all by the end)\n  ${text}`;
}

export const suite: BenchSuite = {
  name: "slack",
  async run() {
    const rates = (process.env.BENCH_SLACK_RATES ?? "100,300").split(",").map(Number);
    const seconds = Number(process.env.BENCH_SLACK_SECONDS ?? 10);
    const dir = mkdtempSync(join(tmpdir(), "rlt-slack-bench-"));
    const fake = await RemoteFakeSlack.start({
      users: [[USER, { name: "ada", displayName: "Ada" }]],
    });
    const out: string[] = [];
    try {
      const databasePath = join(dir, "bot.db");
      const bot = await startBot(fake, databasePath);
      const phases: Phase[] = [];
      try {
        for (const [run, rate] of rates.entries())
          phases.push(await phase(fake, bot, rate, seconds, run));
      } finally {
        await bot.stop();
      }
      out.push(...insideTheBot(databasePath, phases));
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
