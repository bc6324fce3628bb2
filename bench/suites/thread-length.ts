/**
 * Cost of one more message as a thread grows: the real engine on an in-memory SQLite store, a
 * thread of 5, 20 and 50 messages (BENCH_THREAD_LENGTHS), then the median of the next 20.
 */
import { performance } from "node:perf_hooks";
import { createConversation } from "../../src/conversation/engine.js";
import type { IncomingEvent } from "../../src/conversation/port.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import { alice, T0 } from "../../test/helpers/seed-threads.js";
import type { BenchSuite } from "../run.js";
import { fmtMs, percentile } from "../support/percentiles.js";

const LINES = [
  'Gemini 2.5 flash: 429 {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}',
  "openclaw --version: 2026.9.6, model google/gemini-2.5-flash, free tier",
  "I tried setting maxTokens 512 but it still fails after a few requests, about 20 a day",
  "HTTP/1.1 429 Too Many Requests\nretry-after: 20\nx-ratelimit-remaining-requests: 0",
];

async function perMessage(length: number, kb: ReturnType<typeof loadKnowledge>): Promise<string> {
  const store = openSqliteStore(":memory:");
  const port = createConversation({ store, kb });
  const key = `slack:C1:len${length}`;
  const event = (n: number): IncomingEvent => ({
    platform: "slack",
    threadKey: key,
    eventId: `len${length}-${n}`,
    messageId: `len${length}-${n}`,
    kind: "message",
    author: alice,
    text: `${LINES[n % LINES.length]} (${n})`,
    attachments: [],
    at: new Date(T0 + n * 60_000),
  });
  for (let n = 0; n < length; n++) await port.receive(event(n));
  const samples: number[] = [];
  for (let n = length; n < length + 20; n++) {
    const start = performance.now();
    await port.receive(event(n));
    samples.push(performance.now() - start);
  }
  await store.close();
  return `${String(length).padStart(3)} messages: next message p50 ${fmtMs(percentile(samples, 50))}, p99 ${fmtMs(percentile(samples, 99))}`;
}

export const suite: BenchSuite = {
  name: "thread length: cost of one more message",
  async run() {
    const kb = loadKnowledge();
    const lengths = (process.env.BENCH_THREAD_LENGTHS ?? "5,20,50").split(",").map(Number);
    const out: string[] = [];
    for (const length of lengths) out.push(await perMessage(length, kb));
    return out;
  },
};
