/**
 * The load driver of `npm run bench -- slack`, on a worker thread of its own: it sends the given
 * Events API bodies at a fixed rate, signed as Slack signs them, and times each ack. On the bench's
 * main thread, beside building the next envelopes and the reply bookkeeping, its own event loop
 * stalled up to 47 ms (p99 15 ms) at 300 events/s, and every stall was counted as the bot's ack
 * time. Here it does nothing else, and sends through an undici Pool (the request API, not fetch:
 * no Web streams per request).
 */
import { parentPort, workerData } from "node:worker_threads";
import { Pool } from "undici";
import { slackSignature } from "../../test/fakes/slack/signed-request.js";
import type { DriverData, FromDriver } from "./slack-driver.js";

const port = parentPort;
if (!port) throw new Error("slack-driver-thread.ts runs only as a worker thread");
const { origin, path, secret, bodies, rate } = workerData as DriverData;

// As many connections as Slack would open: enough that a slow ack never queues the next event.
const pool = new Pool(origin, { connections: 256, pipelining: 1 });
const sentAt = new Float64Array(bodies.length);
const ackMs = new Float64Array(bodies.length).fill(Number.NaN);
let failed = 0;
const now = () => performance.timeOrigin + performance.now();

async function send(i: number): Promise<void> {
  const body = bodies[i] as string;
  const timestamp = Math.floor(Date.now() / 1000);
  const started = now();
  sentAt[i] = started;
  try {
    const res = await pool.request({
      method: "POST",
      path,
      body,
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": slackSignature(secret, timestamp, body),
      },
    });
    ackMs[i] = now() - started;
    if (res.statusCode !== 200) failed++;
    await res.body.dump();
  } catch {
    failed++;
  }
}

const start = performance.now();
const inflight: Promise<void>[] = [];
for (let i = 0; i < bodies.length; i++) {
  const wait = start + (i * 1000) / rate - performance.now();
  if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
  inflight.push(send(i));
}
await Promise.all(inflight);
await pool.close();
port.postMessage({ type: "done", sentAt, ackMs, failed } satisfies FromDriver);
