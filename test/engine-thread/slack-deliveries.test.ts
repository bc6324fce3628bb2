/**
 * Slack's deliveries on the engine thread (EngineThread deliversFor): the main thread only records
 * an acked event in the inbox and kicks; the thread decides it, posts the reply with its own Web
 * API client and records the delivery, so the main thread's connection sees it sent.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { EngineThread } from "../../src/engine-thread/engine-thread.js";
import { remoteDeliveries } from "../../src/engine-thread/remote-deliveries.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import type { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { eventually } from "../fakes/slack/eventually.js";
import { FakeSlack } from "../fakes/slack/fake-slack.js";
import { SIGNING_SECRET, SUPPORT, USER } from "../fakes/slack/harness.js";

const silent = pino({ level: "silent" });
const PASTE =
  'our agent: 429 {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}} on gemini-2.5-flash';

let fake: FakeSlack;
beforeAll(async () => {
  fake = await FakeSlack.start();
  fake.state.users.set(USER, { name: "ada", displayName: "Ada" });
});
afterAll(() => fake.stop());

describe("Slack's inbox pump and outbox drainer on the engine thread", () => {
  let dir: string;
  let store: SqliteStore;
  let engine: EngineThread | null = null;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "engine-slack-"));
    store = openSqliteStore(join(dir, "bot.db"));
  });
  afterEach(async () => {
    await engine?.stop();
    engine = null;
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async () => {
    const config = loadConfig({
      DATABASE_PATH: join(dir, "bot.db"),
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_CHANNELS: SUPPORT,
    });
    engine = await EngineThread.start({
      config,
      logger: silent,
      warmUp: false,
      deliversFor: ["slack"],
    });
    return remoteDeliveries(engine, "slack", silent);
  };

  /** What the Slack adapter records for a message before it acks (src/adapters/slack/inbox-record.ts). */
  const record = (ts: string) =>
    store.inbox.record({
      id: `slack:${SUPPORT}:${ts}`,
      threadKey: `slack:${SUPPORT}:${ts}`,
      payload: JSON.stringify({
        via: "message",
        channel: SUPPORT,
        kind: "message",
        message: { type: "message", channel: SUPPORT, user: USER, ts, text: PASTE },
        redactions: [],
      }),
      receivedAt: new Date(),
    });

  const repliesIn = (ts: string) =>
    fake.callsOf("chat.postMessage").filter((c) => c.params.thread_ts === ts);

  it("decides what the main thread recorded and posts the reply; the main connection sees it sent", async () => {
    const deliveries = await start();
    const ts = `${Math.floor(Date.now() / 1000)}.000201`;
    expect(await record(ts)).toBe(true);
    deliveries.kick();
    await eventually(() => repliesIn(ts).length === 1, "the reply in the thread", 20_000);
    await deliveries.idle();
    expect(await store.inbox.backlog("slack:")).toBe(0);
    expect(await store.outbox.pending("slack:", 10)).toEqual([]);
    const posted = fake.state.threads
      .get(`${SUPPORT}:${ts}`)
      ?.find((m) => m.user === fake.state.botUserId);
    expect(posted?.ts).toBeDefined();
    expect(await store.outbox.lastDeliveredReply(`slack:${SUPPORT}:${ts}`)).toBe(posted?.ts);
  });

  it("a burst of recorded events, each kicked: every one is decided and replied to once", async () => {
    const deliveries = await start();
    const base = Math.floor(Date.now() / 1000);
    const threads = Array.from({ length: 12 }, (_, i) => `${base + i}.000301`);
    for (const ts of threads) {
      await record(ts);
      deliveries.kick();
    }
    await deliveries.idle();
    for (const ts of threads) expect(repliesIn(ts)).toHaveLength(1);
  });

  it("stopping the deliveries lets the thread stop; events recorded after wait in the inbox", async () => {
    const deliveries = await start();
    await deliveries.stop();
    const ts = `${Math.floor(Date.now() / 1000)}.000401`;
    await record(ts);
    deliveries.kick();
    await new Promise((r) => setTimeout(r, 300));
    expect(repliesIn(ts)).toHaveLength(0);
    expect(await store.inbox.backlog("slack:")).toBe(1);
  });
});
