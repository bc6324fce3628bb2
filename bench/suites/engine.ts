import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Thread } from "../../src/core/thread.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { triage } from "../../src/triage.js";
import type { BenchSuite } from "../run.js";
import { fmtMs, percentile } from "../support/percentiles.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** A realistic ~4 KB help-thread message: prose, a setup list and a raw error body. */
function paste4k(): string {
  const thread = JSON.parse(
    readFileSync(join(ROOT, "test/fixtures/threads/openclaw-incident-whole-thread.json"), "utf8"),
  ) as Thread;
  let text = thread.messages.map((m) => m.content).join("\n\n");
  while (text.length < 4096) text += `\n${thread.messages[1]?.content ?? ""}`;
  return text.slice(0, 4096);
}

/** ~1 MB: gateway log lines with a Gemini 429 body somewhere in the middle, as users attach them. */
function paste1m(): string {
  const lines: string[] = [];
  let size = 0;
  let i = 0;
  while (size < 1_000_000) {
    const line =
      i === 4000
        ? '2026-11-23T22:42:52.499Z [agent/embedded] rawError=429: {"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaDimensions":{"model":"gemini-2.5-flash"}}]}]}}'
        : `2026-11-23T22:${String(i % 60).padStart(2, "0")}:37.276+00:00 [provider-transport-fetch] [model-fetch] response provider=google api=google-generative-ai model=gemini-2.5-flash status=200 elapsedMs=${300 + (i % 700)} dispatcher=new run=${i}`;
    lines.push(line);
    size += line.length + 1;
    i++;
  }
  return lines.join("\n");
}

function measure(label: string, text: string, runs: number): string {
  const kb = loadKnowledge();
  const now = new Date("2026-11-27T20:00:00Z");
  const thread: Thread = { messages: [{ content: text }] };
  triage(thread, kb, now); // warm-up: JIT and regex compilation
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    triage(thread, kb, now);
    samples.push(performance.now() - start);
  }
  return `${label.padEnd(14)} n=${String(runs).padEnd(4)} p50 ${fmtMs(percentile(samples, 50)).padEnd(10)} p99 ${fmtMs(percentile(samples, 99)).padEnd(10)} max ${fmtMs(Math.max(...samples))}`;
}

export const suite: BenchSuite = {
  name: "engine latency per message (analyze + reply)",
  async run() {
    return [measure("4 KB paste", paste4k(), 300), measure("1 MB paste", paste1m(), 30)];
  },
};
