/**
 * Loaded into the benched bot with --import (bench/support/bot-process.ts): times each POST on
 * the bot's main thread from Node's "request" event to the response's "finish", how late a
 * 5 ms timer fires (the event loop's stalls) and the garbage collector's pauses, and writes them
 * to BENCH_ACK_CLOCK_FILE at exit. The driver's own ack times also hold the kernel's and the
 * driver's delays; these say how much of that is the bot's handling.
 */
import { writeFileSync } from "node:fs";
import http from "node:http";
import { PerformanceObserver } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";

const file = process.env.BENCH_ACK_CLOCK_FILE;
if (isMainThread && file) {
  const now = () => performance.timeOrigin + performance.now();
  const acks = [];
  const stalls = [];
  /** [when it ended, ms, kind]: V8's pauses of the main thread (perf_hooks.constants: 1 minor, 4 major, 8 incremental). */
  const gcs = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      gcs.push([
        performance.timeOrigin + entry.startTime + entry.duration,
        entry.duration,
        entry.detail?.kind,
      ]);
  }).observe({ entryTypes: ["gc"] });
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, ...args) {
    const [req, res] = args;
    if (event === "request" && req.method === "POST") {
      const started = now();
      res.on("finish", () => acks.push([started, now() - started]));
    }
    return emit.call(this, event, ...args);
  };
  let last = now();
  setInterval(() => {
    const at = now();
    stalls.push([at, at - last - 5]);
    last = at;
  }, 5).unref();
  process.on("exit", () => writeFileSync(file, JSON.stringify({ acks, stalls, gcs })));
}
