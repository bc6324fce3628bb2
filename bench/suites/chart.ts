/**
 * `npm run bench -- chart`: what the timeline chart costs. A large synthetic cache trace (the
 * trace suite's generator, BENCH_CHART_TRACE_MB, default 1024) is streamed once for its summary
 * alone and once with the timeline read in the same pass; then its chart and a small paste's
 * are drawn (SVG built in code, PNG by resvg) many times. The reply's budget is CHART_BUDGET_MS.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStreamTimeline } from "../../src/core/timeline/stream-timeline.js";
import { threadTimeline } from "../../src/core/timeline/thread-timeline.js";
import type { Timeline } from "../../src/core/timeline/types.js";
import { readFileChunks } from "../../src/ingest/file-chunks.js";
import { summarizeTraceStream } from "../../src/ingest/trace-stream.js";
import { timelineSvg } from "../../src/render/chart/chart-svg.js";
import { svgToPng } from "../../src/render/chart/rasterize.js";
import { CHART_BUDGET_MS } from "../../src/render/chart/reply-chart.js";
import type { BenchSuite } from "../run.js";
import { fmtMs, percentile } from "../support/percentiles.js";
import { generateTrace } from "./trace.js";

const RUNS = 30;
const MiB = 1024 * 1024;

async function timeRender(
  timeline: Timeline,
): Promise<{ svg: number[]; png: number[]; bytes: number }> {
  const svg: number[] = [];
  const png: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const text = timelineSvg(timeline);
    const t1 = performance.now();
    bytes = (await svgToPng(text)).length;
    png.push(performance.now() - t1);
    svg.push(t1 - t0);
  }
  return { svg, png, bytes };
}

const line = (label: string, r: Awaited<ReturnType<typeof timeRender>>) =>
  `${label}: SVG p50 ${fmtMs(percentile(r.svg, 50))}, p95 ${fmtMs(percentile(r.svg, 95))}; PNG p50 ${fmtMs(percentile(r.png, 50))}, p95 ${fmtMs(percentile(r.png, 95))}, max ${fmtMs(Math.max(...r.png))} (${r.bytes} bytes; budget ${CHART_BUDGET_MS} ms)`;

export const suite: BenchSuite = {
  name: "chart",
  async run() {
    const out: string[] = [];
    const paste = readFileSync(
      join(import.meta.dirname, "../../test/fixtures/timeline/per-minute-retries.log"),
      "utf8",
    );
    const t0 = performance.now();
    const small = threadTimeline(
      { messages: [{ content: paste }] },
      { tier: "Tier 1", rpm: 10, tpm: null },
    );
    out.push(
      `small paste (${paste.length} chars): timeline read in ${fmtMs(performance.now() - t0)}`,
    );
    if (small.timeline) out.push(line("small paste chart", await timeRender(small.timeline)));

    const sizeMb = Number(process.env.BENCH_CHART_TRACE_MB ?? 1024);
    const dir = mkdtempSync(join(tmpdir(), "ratelimit-chart-bench-"));
    const file = join(dir, "cache-trace.jsonl");
    try {
      const gen = await generateTrace(file, sizeMb * MiB);
      const size = statSync(file).size;
      out.push(`large trace: ${(size / MiB).toFixed(0)} MiB, ${gen.lines} lines`);
      // Two rounds, interleaved, best of each: the first pass also warms the JIT and the page cache.
      let plain = Number.POSITIVE_INFINITY;
      let withTimeline = Number.POSITIVE_INFINITY;
      let timeline: Timeline | null = null;
      for (let round = 0; round < 2; round++) {
        const a = performance.now();
        await summarizeTraceStream(readFileChunks(file));
        plain = Math.min(plain, (performance.now() - a) / 1000);
        const stream = createStreamTimeline();
        const b = performance.now();
        await summarizeTraceStream(readFileChunks(file), { onLine: stream.line });
        withTimeline = Math.min(withTimeline, (performance.now() - b) / 1000);
        timeline = stream.timeline();
      }
      out.push(
        `summary alone ${plain.toFixed(2)} s; summary + timeline in the same pass ${withTimeline.toFixed(2)} s (+${(((withTimeline - plain) / plain) * 100).toFixed(0)}%); heap after ${(process.memoryUsage().heapUsed / MiB).toFixed(0)} MiB`,
      );
      if (timeline) {
        out.push(
          `large trace timeline: ${timeline.buckets.length} bars of ${timeline.windowMs / 1000} s, ${timeline.totals.requests} first attempts, ${timeline.totals.retries} retries, ${timeline.totals.rateLimited} × 429`,
        );
        out.push(line("large trace chart", await timeRender(timeline)));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
};
