/**
 * `npm run bench -- slack`: signed Events API requests at a fixed rate to the real Slack adapter
 * in HTTP mode, the real engine on an SQLite file, and the fake Slack Web API (test/fakes/slack),
 * all on 127.0.0.1 and in this one process (so the driver's own work counts against the bot).
 * Each event opens a new help thread with a 429 paste; the reply is the bot's first
 * chat.postMessage into it. Bounded: BENCH_SLACK_RATES events/s (default "100,300"), each for
 * BENCH_SLACK_SECONDS (default 10), then at most 30 s to drain. With BENCH_SLACK_DUE_TIMERS
 * (e.g. 12000) a last phase runs after a simulated day of downtime: that many threads have their
 * nudge due, the catch-up tick runs (its nudges delivered through the same outbox), and events
 * arrive at BENCH_SLACK_CATCH_UP_RATE (default 100/s) meanwhile.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  type SlackHarness,
  SUPPORT,
  startSlackHarness,
  USER,
} from "../../test/fakes/slack/harness.js";
import { eventEnvelope, messageEvent } from "../../test/fakes/slack/payloads.js";
import { DAY, seedChange, T0 } from "../../test/helpers/seed-threads.js";
import type { BenchSuite } from "../run.js";
import { fmtMs, percentile } from "../support/percentiles.js";

const PASTE =
  "Getting this all afternoon:\n```\nRateLimitError: 429 Rate limit reached for gpt-4o in organization org-FAKEFAKEFAKE on tokens per min (TPM): Limit 30000, Used 26411, Requested 6230. Please try again in 5.282s.\n```";
const DRAIN_MS = 30_000;

/** Least-squares slope of RSS over time, in MiB per minute. */
function slope(samples: Array<[number, number]>): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = samples.reduce((a, [x]) => a + x, 0) / n;
  const my = samples.reduce((a, [, y]) => a + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of samples) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60_000;
}

async function phase(
  h: SlackHarness,
  rate: number,
  seconds: number,
  run: number,
  tsBase = 1_770_000_000,
): Promise<string> {
  const sentAt = new Map<string, number>();
  const replyMs: number[] = [];
  const replies = new Map<string, number>();
  const acks: number[] = [];
  let failed = 0;
  let scanned = h.fake.calls.length;
  const rss: Array<[number, number]> = [];
  const start = performance.now();
  const watch = setInterval(() => {
    const now = performance.now();
    rss.push([now - start, process.memoryUsage().rss / 2 ** 20]);
    for (; scanned < h.fake.calls.length; scanned++) {
      const call = h.fake.calls[scanned];
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
      h.fake.state,
      messageEvent({ channel: SUPPORT, user: USER, ts, text: PASTE }),
      `EvBench${run}-${i}`,
    );
    const sent = performance.now();
    sentAt.set(ts, sent);
    inflight.push(
      h.send.event(envelope).then(
        async (res) => {
          acks.push(performance.now() - sent);
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
  while (replies.size < total && performance.now() - drainStart < DRAIN_MS) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const backlogSeconds = (performance.now() - drainStart) / 1000;
  clearInterval(watch);
  const duplicates = [...replies.values()].filter((n) => n > 1).length;
  return [
    `${rate} events/s for ${seconds} s: sent ${total} in ${sendSeconds.toFixed(1)} s (${(total / sendSeconds).toFixed(0)}/s acked)`,
    `ack p50 ${fmtMs(percentile(acks, 50))}, p99 ${fmtMs(percentile(acks, 99))}, max ${fmtMs(Math.max(...acks))}; non-200 ${failed}`,
    `reply p50 ${fmtMs(percentile(replyMs, 50))}, p99 ${fmtMs(percentile(replyMs, 99))}; replied ${replies.size}/${total} (lost ${total - replies.size}, threads with >1 message ${duplicates}); backlog after the load ${backlogSeconds.toFixed(1)} s`,
    `RSS ${rss.at(-1)?.[1].toFixed(0)} MiB, slope ${slope(rss).toFixed(1)} MiB/min`,
  ].join("\n  ");
}

/** Events at `rate` while the timers left by a day of downtime fire. */
async function catchUp(h: SlackHarness, due: number, rate: number, seconds: number, run: number) {
  const store = h.store;
  if (!store) return "catch-up: needs the real engine";
  for (let i = 0; i < due; i++) await store.commit(seedChange(i, { dueCount: due }));
  const start = performance.now();
  let tickMs: number | null = null;
  let fired = 0;
  const ticking = h.conversation.tick(new Date(T0 + 2 * DAY)).then(async (actions) => {
    tickMs = performance.now() - start;
    fired = actions.length;
    await h.bot.perform(actions);
  });
  // Events after the outage (their own nudges not due yet), so each thread gets one reply.
  const during = await phase(h, rate, seconds, run, Math.ceil((T0 + 2 * DAY) / 1000));
  const endedFirst = tickMs === null;
  await ticking;
  const tick = `tick fired ${fired} timers in ${((tickMs ?? 0) / 1000).toFixed(1)} s${endedFirst ? " (still running when the events stopped)" : ""}`;
  return `after a day of downtime, ${due} due timers: ${tick}\n  ${during}`;
}

export const suite: BenchSuite = {
  name: "slack",
  async run() {
    const rates = (process.env.BENCH_SLACK_RATES ?? "100,300").split(",").map(Number);
    const seconds = Number(process.env.BENCH_SLACK_SECONDS ?? 10);
    const dir = mkdtempSync(join(tmpdir(), "rlt-slack-bench-"));
    const h = await startSlackHarness({ databasePath: join(dir, "bot.db") });
    const out: string[] = [];
    try {
      for (const [run, rate] of rates.entries()) out.push(await phase(h, rate, seconds, run));
      const due = Number(process.env.BENCH_SLACK_DUE_TIMERS ?? 0);
      const catchUpRate = Number(process.env.BENCH_SLACK_CATCH_UP_RATE ?? 100);
      if (due > 0) out.push(await catchUp(h, due, catchUpRate, seconds, rates.length));
    } finally {
      await h.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
};
