import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { createConversation } from "../../src/conversation/engine.js";
import type { IncomingEvent } from "../../src/conversation/port.js";
import { EngineThread, EngineThreadError } from "../../src/engine-thread/engine-thread.js";
import { remoteConversation } from "../../src/engine-thread/remote-conversation.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { openPgStore } from "../../src/store/postgres/open.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import type { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { alice, T0 } from "../helpers/seed-threads.js";
import {
  dropSchema,
  freshSchemaName,
  PG_URL,
  postgresAvailable,
} from "../helpers/store-backends.js";

const silent = pino({ level: "silent" });
const kb = loadKnowledge();

function paste(n: number, text: string): IncomingEvent {
  return {
    platform: "slack",
    threadKey: `slack:C1:${n}.000`,
    eventId: `ev-${n}`,
    messageId: `${n}.000`,
    kind: "message",
    author: alice,
    text,
    attachments: [],
    at: new Date(T0 + n * 1000),
  };
}

const GEMINI_429 =
  'gemini-2.5-flash: 429 {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}';

describe("EngineThread: decisions on a worker thread with its own store connection", () => {
  let dir: string;
  let store: SqliteStore;
  let thread: EngineThread | null = null;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "engine-thread-"));
    // The main thread's connection creates the schema first, as `npm start` does.
    store = openSqliteStore(join(dir, "bot.db"));
  });
  afterEach(async () => {
    await thread?.stop();
    thread = null;
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (restartDelayMs = 20) => {
    const config = loadConfig({ DATABASE_PATH: join(dir, "bot.db") });
    thread = await EngineThread.start({ config, logger: silent, warmUp: false, restartDelayMs });
    return thread;
  };

  it("decides like the in-process engine, and its commit is visible on the main thread's connection", async () => {
    const engine = await start();
    const remote = remoteConversation(createConversation({ store, kb }), engine);
    const actions = await remote.receive(paste(1, GEMINI_429));

    const reference = createConversation({ store: openSqliteStore(":memory:"), kb });
    const expected = await reference.receive(paste(1, GEMINI_429));
    expect(actions.map((a) => a.type)).toEqual(expected.map((a) => a.type));
    expect(actions.length).toBeGreaterThan(0);
    expect(await remote.watches("slack:C1:1.000")).toBe(true);
    expect(await remote.knows("ev-1")).toBe(true);
    const pending = await remote.outbox.pending("slack:", 10);
    expect(pending.length).toBeGreaterThan(0);
  });

  it.runIf(process.platform === "linux")(
    "runs at a lower priority than the thread that acks (nice 10), on Linux",
    async () => {
      const niceOf = () =>
        readdirSync("/proc/self/task").map((tid) => {
          const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
          // Fields after the command's closing parenthesis; nice is the 19th field of the line.
          return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
        });
      expect(niceOf().filter((n) => n === 10)).toHaveLength(0);
      await start();
      expect(niceOf().filter((n) => n === 10)).toHaveLength(1);
      expect(niceOf()).toContain(0);
    },
  );

  it("a redelivered event is decided once, whichever side is asked", async () => {
    const engine = await start();
    const remote = remoteConversation(createConversation({ store, kb }), engine);
    await remote.receive(paste(2, GEMINI_429));
    expect(await remote.receive(paste(2, GEMINI_429))).toEqual([]);
  });

  it("an error on the thread comes back as the call's rejection, and the thread keeps working", async () => {
    const engine = await start();
    const broken = { ...paste(3, GEMINI_429), at: "not a date" } as unknown as IncomingEvent;
    await expect(engine.call("receive", broken)).rejects.toThrow();
    const actions = await engine.call("receive", paste(4, GEMINI_429));
    expect(actions.length).toBeGreaterThan(0);
  });

  it("a thread that dies fails its calls in flight and is started again for the next ones", async () => {
    const engine = await start();
    const inFlight = engine.call("receive", paste(5, `${GEMINI_429}\n`.repeat(2000)));
    // What a crash looks like from outside: the worker is gone.
    await (engine as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(inFlight).rejects.toBeInstanceOf(EngineThreadError);
    const after = await engine.call("receive", paste(6, GEMINI_429));
    expect(after.length).toBeGreaterThan(0);
  });

  it("a call not answered in time ends a stuck thread; the calls fail and a new thread answers", async () => {
    const config = loadConfig({ DATABASE_PATH: join(dir, "bot.db") });
    // Read on every call: 1 ms is less than any decision takes, so the first call is "stuck".
    const options = { config, logger: silent, warmUp: false, restartDelayMs: 20, callTimeoutMs: 1 };
    thread = await EngineThread.start(options);
    await expect(
      thread.call("receive", paste(8, `${GEMINI_429}\n`.repeat(500))),
    ).rejects.toBeInstanceOf(EngineThreadError);
    options.callTimeoutMs = 60_000;
    const after = await thread.call("receive", paste(9, GEMINI_429));
    expect(after.length).toBeGreaterThan(0);
  });

  it("stop lets the thread close its store; calls after it fail clearly", async () => {
    const engine = await start();
    await engine.stop();
    await expect(engine.call("tick", new Date(T0))).rejects.toThrow(/stopping/);
  });

  it("a thread that cannot open the store reports why instead of hanging", async () => {
    const config = loadConfig({ DATABASE_PATH: join(dir, "missing-dir", "\0bad") });
    await expect(EngineThread.start({ config, logger: silent, warmUp: false })).rejects.toThrow(
      /did not start/,
    );
  });
});

describe.runIf(postgresAvailable("the engine thread"))("EngineThread on PostgreSQL", () => {
  it("decides through its own pool; the main thread's store sees the commit", async () => {
    const schema = freshSchemaName();
    const main = await openPgStore(PG_URL ?? "", { schema, poolSize: 2, leaseMs: 0 });
    const config = loadConfig({ DATABASE_URL: PG_URL ?? "", DATABASE_SCHEMA: schema });
    const engine = await EngineThread.start({ config, logger: silent, warmUp: false });
    try {
      const remote = remoteConversation(createConversation({ store: main, kb }), engine);
      const actions = await remote.receive(paste(7, GEMINI_429));
      expect(actions.length).toBeGreaterThan(0);
      expect(await remote.knows("ev-7")).toBe(true);
      expect((await remote.outbox.pending("slack:", 10)).length).toBeGreaterThan(0);
    } finally {
      await engine.stop();
      await main.close();
      await dropSchema(schema);
    }
  });
});
