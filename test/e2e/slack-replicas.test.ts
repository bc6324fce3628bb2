/**
 * Several bot processes on one PostgreSQL schema behind a "load balancer" (the test), driven by
 * the fake Slack with signed events: distinct threads, bursts into one thread spread over the
 * replicas, redeliveries of events already answered, and a replica SIGKILLed at random now and
 * then (one at a time, replaced by a fresh one). At the end every event is stored once, every
 * action delivered once (each Slack message carries its action id), nothing pending or dead, and
 * every stale timer fired exactly once.
 */
import { type ChildProcess, spawn } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleBotProcess } from "../fakes/bot-bundle.js";
import { type ApiCall, FakeSlack } from "../fakes/slack/fake-slack.js";
import { eventEnvelope, messageEvent } from "../fakes/slack/payloads.js";
import { slackSender } from "../fakes/slack/signed-request.js";
import {
  dropSchema,
  freshSchemaName,
  PG_URL,
  postgresAvailable,
} from "../helpers/store-backends.js";

const SECRET = "replica-test-signing-secret-0123456789";
const CHANNEL = "CSUPPORT1";
const USER = "UUSER0001";
const OPENAI_429 =
  "RateLimitError: 429 Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 26411, Requested 6230.";
const FOLLOW_UPS = [
  "openclaw 2026.2.24",
  "it happens on every request, even small ones",
  "tier 1 account",
  "retrying after a minute works",
];
const THREADS = 10;
const BURST_THREADS = 3;

const available = postgresAvailable("the replica test");
let fake: FakeSlack;
let BUNDLE: string;
const everyChild: ChildProcess[] = [];
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

beforeAll(async () => {
  if (!available) return;
  BUNDLE = await bundleBotProcess("slack");
  fake = await FakeSlack.start();
  fake.state.users.set(USER, { name: "ada", displayName: "Ada" });
});
afterAll(async () => {
  for (const child of everyChild) if (child.exitCode === null) child.kill("SIGKILL");
  await fake?.stop();
});

interface Replica {
  child: ChildProcess;
  port: number;
  exited: Promise<unknown>;
}

function startReplica(schema: string): Promise<Replica> {
  const child = spawn(process.execPath, [BUNDLE], {
    env: {
      ...process.env,
      DATABASE_URL: PG_URL,
      DATABASE_SCHEMA: schema,
      CLAIM_LEASE_MS: "1500",
      STALE_SECONDS: "3",
      SLACK_API_URL: fake.apiUrl,
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_CHANNEL: CHANNEL,
    },
    stdio: ["pipe", "pipe", "inherit"],
  });
  everyChild.push(child);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.stdin?.write("{}\n");
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) resolve({ child, port: JSON.parse(line).port, exited });
    });
    void exited.then(() => reject(new Error("replica exited before listening")));
  });
}

/** The load balancer: live replicas, one of which dies now and then. */
class Fleet {
  live: Replica[] = [];
  kills = 0;
  constructor(private readonly schema: string) {}

  async start(n: number): Promise<void> {
    this.live = await Promise.all(Array.from({ length: n }, () => startReplica(this.schema)));
  }

  pick(): Replica {
    const replica = this.live[Math.floor(Math.random() * this.live.length)];
    if (!replica) throw new Error("no live replica");
    return replica;
  }

  /** SIGKILLs a random replica and starts its replacement. */
  async killOne(): Promise<void> {
    const victim = this.pick();
    this.live = this.live.filter((r) => r !== victim);
    victim.child.kill("SIGKILL");
    await victim.exited;
    this.kills++;
    this.live.push(await startReplica(this.schema));
  }

  async stop(): Promise<void> {
    for (const r of this.live) r.child.kill("SIGTERM");
    await Promise.all(this.live.map((r) => r.exited));
  }
}

/**
 * Slack's side: an event goes to some replica until one answers 200, later tries marked with
 * X-Slack-Retry-Num; `redeliver` sends it once more after that, as Slack does when an ack is late.
 */
async function deliver(fleet: Fleet, envelope: unknown, redeliver: boolean): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const replica = fleet.pick();
    const send = slackSender(`http://127.0.0.1:${replica.port}/slack/events`, SECRET);
    const options = attempt > 0 ? { retryNum: attempt, retryReason: "http_error" } : {};
    const res = await send.event(envelope, options).catch(() => null);
    if (res?.status === 200) {
      if (redeliver) await deliver(fleet, envelope, false);
      return;
    }
    await sleep(100);
  }
  throw new Error("no replica took the event in 50 tries");
}

let tsCounter = 0;
function nextTs(): string {
  tsCounter++;
  return `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, "0")}`;
}

function actionIdOf(call: ApiCall): string | null {
  const raw = call.params.metadata;
  const metadata = (typeof raw === "string" ? JSON.parse(raw) : raw) as
    | { event_payload?: { action_id?: string } }
    | undefined;
  return metadata?.event_payload?.action_id ?? null;
}

async function settled(db: pg.Client, schema: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT (SELECT count(*) FROM ${schema}.actions WHERE status = 'pending')::int AS pending,
            (SELECT count(*) FROM ${schema}.timers WHERE fired_at IS NULL AND cancelled_at IS NULL)::int AS timers,
            (SELECT count(*) FROM ${schema}.threads WHERE state <> 'closed_stale')::int AS open`,
  );
  const r = rows[0] as { pending: number; timers: number; open: number };
  return r.pending === 0 && r.timers === 0 && r.open === 0;
}

async function runScenario(replicas: number, kills: number) {
  const schema = freshSchemaName();
  const db = new pg.Client({ connectionString: PG_URL });
  await db.connect();
  const fleet = new Fleet(schema);
  const callsBefore = new Set(fake.callsOf("chat.postMessage"));
  try {
    await fleet.start(replicas);
    const sent: Array<{ root: string; ts: string }> = [];
    const roots = Array.from({ length: THREADS }, () => nextTs());
    let stop = false;
    const killer = (async () => {
      while (!stop && fleet.kills < kills) {
        await sleep(300 + Math.random() * 700);
        if (!stop) await fleet.killOne();
      }
    })();
    // Distinct threads, several at once.
    await Promise.all(
      roots.map(async (root, i) => {
        const event = messageEvent({ channel: CHANNEL, user: USER, text: OPENAI_429, ts: root });
        await deliver(fleet, eventEnvelope(fake.state, event), i % 3 === 0);
        sent.push({ root, ts: root });
      }),
    );
    // Bursts into one thread: every follow-up at once, to whichever replica.
    for (const root of roots.slice(0, BURST_THREADS)) {
      await Promise.all(
        FOLLOW_UPS.map(async (text, i) => {
          const ts = nextTs();
          const event = messageEvent({ channel: CHANNEL, user: USER, text, ts, thread_ts: root });
          await deliver(fleet, eventEnvelope(fake.state, event), i % 2 === 0);
          sent.push({ root, ts });
        }),
      );
    }
    await killer;
    stop = true;
    for (let waited = 0; !(await settled(db, schema)); waited += 250) {
      if (waited > 60_000) throw new Error("the replicas did not settle in 60 s");
      await sleep(250);
    }
    await fleet.stop();

    const stored = await db.query(`SELECT thread_key, message_id FROM ${schema}.messages`);
    const storedIds = new Set(stored.rows.map((r) => String(r.message_id)));
    const lost = sent.filter((m) => ![...storedIds].some((id) => id.includes(m.ts)));
    const posts = fake.callsOf("chat.postMessage").filter((c) => !callsBefore.has(c));
    const postsPerAction = new Map<string, number>();
    for (const post of posts) {
      const id = actionIdOf(post);
      if (id) postsPerAction.set(id, (postsPerAction.get(id) ?? 0) + 1);
    }
    const doubled = [...postsPerAction].filter(([, n]) => n > 1).map(([id]) => id);
    const unsettled = await db.query(
      `SELECT id, status FROM ${schema}.actions WHERE status IN ('pending', 'dead')`,
    );
    const timerNotices = await db.query(
      `SELECT a.id FROM ${schema}.actions a JOIN ${schema}.timers t ON a.event_id = 'timer:' || t.id
       WHERE a.type = 'notice'`,
    );
    const firedTimers = await db.query(
      `SELECT count(*)::int AS n FROM ${schema}.timers WHERE fired_at IS NOT NULL`,
    );
    return {
      sent,
      lost,
      doubled,
      unsettled: unsettled.rows,
      kills: fleet.kills,
      timerNoticePosts: timerNotices.rows.map((r) => postsPerAction.get(String(r.id)) ?? 0),
      firedTimers: firedTimers.rows[0].n as number,
    };
  } finally {
    await fleet.stop().catch(() => undefined);
    await db.end();
    await dropSchema(schema);
  }
}

describe.skipIf(!available)("Slack replicas on one PostgreSQL, one killed now and then", () => {
  it.each([
    [2, 4],
    [4, 6],
  ])(
    "%i replicas, %i random kills: every event answered once, every timer fired once",
    async (replicas, kills) => {
      const result = await runScenario(replicas, kills);
      expect(result.kills).toBe(kills);
      expect(result.sent).toHaveLength(THREADS + BURST_THREADS * FOLLOW_UPS.length);
      expect({ lost: result.lost, doubled: result.doubled, unsettled: result.unsettled }).toEqual({
        lost: [],
        doubled: [],
        unsettled: [],
      });
      // Each thread was nudged and closed at least once; each fired timer's notice posted once.
      expect(result.firedTimers).toBeGreaterThanOrEqual(2 * THREADS);
      expect(result.timerNoticePosts.length).toBeGreaterThanOrEqual(2 * THREADS);
      expect(result.timerNoticePosts.every((n) => n === 1)).toBe(true);
    },
    300_000,
  );
});
