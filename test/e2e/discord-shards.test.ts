/**
 * One bot token served by two processes, each running one of two gateway shards
 * (DISCORD_SHARD_COUNT=2, DISCORD_SHARDS=0 or 1), on one PostgreSQL schema: the fake Discord sends
 * each guild's events to the shard `(guild_id >> 22) % 2` only, so every post is seen by one
 * process, and the shared store and outbox let either send what the other committed. The shard 1
 * process is SIGKILLed and restarted: what its guild said meanwhile is answered once it is back.
 * With stale timers, each timer fires once whichever process claims it, also while the shard its
 * thread belongs to is dead.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, Events } from "discord.js";
import pg from "pg";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordClient } from "../../src/adapters/discord/client.js";
import { ForumTags } from "../../src/adapters/discord/forum-tags.js";
import { checkSetup } from "../../src/adapters/discord/startup-checks.js";
import { bundleBotProcess } from "../fakes/bot-bundle.js";
import { startHarness } from "../fakes/discord/bot-harness.js";
import { FakeDiscord } from "../fakes/discord/fake-discord.js";
import { shardOf } from "../fakes/discord/gateway.js";
import { GEMINI_429 } from "../fakes/discord/pastes.js";
import type { ExtraGuild } from "../fakes/discord/world.js";
import { maskWait } from "../helpers/mask-wait.js";
import {
  dropSchema,
  freshSchemaName,
  PG_URL,
  postgresAvailable,
} from "../helpers/store-backends.js";

const available = postgresAvailable("the Discord shards test");
const POSTS_PER_GUILD = 3;

let fake: FakeDiscord;
let BUNDLE: string;
const schema = freshSchemaName();
const children: ChildProcess[] = [];
let db: pg.Client;

beforeAll(async () => {
  if (!available) return;
  BUNDLE = await bundleBotProcess("discord");
  fake = await FakeDiscord.start({ recommendedShards: 2 });
  db = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await db.connect();
}, 60_000);
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await fake?.close();
  await db?.end();
  await dropSchema(schema);
});

interface Shard {
  child: ChildProcess;
  exited: Promise<unknown>;
}

/** A bot process running shard `id` of 2, resolved once it is ready (caught up, drained). */
function startShard(
  id: number,
  guilds: ExtraGuild[],
  extra: Record<string, string> = {},
  inSchema = schema,
): Promise<Shard> {
  const { world } = fake;
  const child = spawn(process.execPath, [BUNDLE], {
    env: {
      ...process.env,
      DATABASE_URL: PG_URL,
      DATABASE_SCHEMA: inSchema,
      CLAIM_LEASE_MS: "1500",
      DISCORD_TOKEN: world.token,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_CHANNELS: guilds.map((g) => g.forum.id).join(","),
      DISCORD_SHARD_COUNT: "2",
      DISCORD_SHARDS: String(id),
      ...extra,
    },
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.push(child);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.stdin?.write("{}\n");
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes('"ready":true')) resolve({ child, exited });
    });
    void exited.then(() => reject(new Error(`shard ${id} exited before it was ready`)));
  });
}

async function stopAll(): Promise<void> {
  const live = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const child of live) child.kill("SIGTERM");
  await Promise.all(live.map((c) => new Promise((done) => c.once("exit", done))));
}

const parts = (threadId: string) => fake.botMessages(threadId).map((m) => maskWait(m.content));

async function unsettled(): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM actions WHERE status <> 'sent'",
  );
  return Number(rows[0]?.n ?? 0);
}

/** Every action committed so far has been sent (none pending, none given up on). */
async function settled(): Promise<void> {
  for (let i = 0; i < 1500 && (await unsettled()) > 0; i++)
    await new Promise((done) => setTimeout(done, 20));
  expect(await unsettled()).toBe(0);
}

describe.skipIf(!available)("Discord: two shards in two processes on one PostgreSQL", () => {
  it("each guild's posts are answered once, by its shard; a killed shard catches up on restart", async () => {
    const { world } = fake;
    const g0 = world.addGuild(0, 2);
    const g1 = world.addGuild(1, 2);
    expect([shardOf(g0.id, 2), shardOf(g1.id, 2)]).toEqual([0, 1]);
    const guilds = [g0, g1];
    const post = (guild: ExtraGuild, title: string) =>
      fake.forumPostIn(guild.forum.id, world.alice, title, GEMINI_429).threadId;

    const shards = await Promise.all([startShard(0, guilds), startShard(1, guilds)]);
    expect(fake.gateway.identifiedShards.map((s) => s.join("/")).sort()).toEqual(["0/2", "1/2"]);

    // The answer an undisturbed post gets: every other thread must end up with the same parts.
    const control = post(g0, "Gemini 429 control");
    await fake.waitFor(() => parts(control).length > 0, "the control answer", 30_000);
    await settled();
    const expected = parts(control);
    expect(expected.length).toBeGreaterThan(0);
    const answered = (id: string) => parts(id).length >= expected.length;

    const threads: string[] = [control];
    for (let n = 0; n < POSTS_PER_GUILD; n++)
      for (const guild of guilds) threads.push(post(guild, `Gemini 429 #${n}`));
    for (const id of threads) await fake.waitFor(() => answered(id), `the answer in ${id}`, 30_000);
    await settled();
    // The messages people see: each part once. (A process whose send outlasts its lease may see
    // the other retry the row; Discord then returns the same message for the same nonce.)
    for (const id of threads) expect(parts(id), id).toEqual(expected);

    // Shard 1 dies; its guild's posts wait for it, shard 0's guild is answered meanwhile.
    const [, one] = shards as [Shard, Shard];
    one.child.kill("SIGKILL");
    await one.exited;
    const whileDown = [post(g1, "Gemini 429 while shard 1 is down #1"), post(g1, "… #2")];
    const other = post(g0, "Gemini 429 while shard 1 is down, guild 0");
    await fake.waitFor(() => answered(other), "guild 0's answer while shard 1 is down", 30_000);
    for (const id of whileDown) expect(parts(id), "shard 0 never sees guild 1's posts").toEqual([]);

    await startShard(1, guilds);
    expect(fake.gateway.identifiedShards.map((s) => s.join("/")).sort()).toEqual([
      "0/2",
      "1/2",
      "1/2",
    ]);
    const after = post(g1, "Gemini 429 after the restart");
    for (const id of [...whileDown, after])
      await fake.waitFor(() => answered(id), `the answer in ${id} after the restart`, 30_000);
    await settled();
    for (const id of [...threads, ...whileDown, other, after])
      expect(parts(id), id).toEqual(expected);
    const { rows } = await db.query<{ n: string }>(
      "SELECT count(DISTINCT thread_key) AS n FROM events WHERE kind = 'message'",
    );
    expect(Number(rows[0]?.n)).toBe(threads.length + whileDown.length + 2);
    await stopAll();
  }, 120_000);

  it("stale timers fire once across the shards, also those of a killed shard's threads", async () => {
    const { world } = fake;
    const timers = freshSchemaName();
    const tdb = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${timers}` });
    await tdb.connect();
    try {
      const guilds = [world.addGuild(0, 2), world.addGuild(1, 2)];
      const stale = { STALE_SECONDS: "2" };
      const [zero] = await Promise.all([0, 1].map((id) => startShard(id, guilds, stale, timers)));
      const threads = guilds.flatMap((g) =>
        [1, 2].map(
          (n) => fake.forumPostIn(g.forum.id, world.alice, `Stale #${n}`, GEMINI_429).threadId,
        ),
      );
      for (const id of threads)
        await fake.waitFor(() => parts(id).length > 0, `answer in ${id}`, 30_000);
      // Shard 0 dies before the timers come due: the other process fires them for its threads too.
      zero?.child.kill("SIGKILL");
      await zero?.exited;
      await startShard(0, guilds, stale, timers);
      const open = async () =>
        (
          await tdb.query<{ n: number }>(
            `SELECT (SELECT count(*) FROM actions WHERE status <> 'sent')
                  + (SELECT count(*) FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL)
                  + (SELECT count(*) FROM threads WHERE state <> 'closed_stale') AS n`,
          )
        ).rows[0]?.n;
      for (let i = 0; i < 600 && Number(await open()) > 0; i++)
        await new Promise((done) => setTimeout(done, 100));
      expect(Number(await open())).toBe(0);

      // A nudge and a close per thread, each fired once and posted once.
      const { rows } = await tdb.query<{ thread_key: string; platform_message_id: string }>(
        `SELECT a.thread_key, a.platform_message_id FROM actions a
         JOIN timers t ON a.event_id = 'timer:' || t.id
         WHERE t.fired_at IS NOT NULL AND a.platform_message_id IS NOT NULL`,
      );
      const fired = await tdb.query<{ n: string }>(
        "SELECT count(*) AS n FROM timers WHERE fired_at IS NOT NULL",
      );
      expect(Number(fired.rows[0]?.n)).toBe(2 * threads.length);
      for (const id of threads) {
        const notices = rows.filter((r) => r.thread_key === `discord:${id}`);
        expect(notices.length, id).toBeGreaterThanOrEqual(2);
        const mine = fake.botMessages(id);
        for (const notice of notices) {
          const text = world.messages.get(notice.platform_message_id)?.content;
          expect(text, `${id}: the notice was posted`).toBeTruthy();
          expect(mine.filter((m) => m.content === text).length, `${id}: posted once`).toBe(1);
        }
      }
      // The close states how long the thread waited, which differs by milliseconds.
      const told = (id: string) => parts(id).map((p) => p.replace(/\d+(\.\d+)? s\b/g, "(time) s"));
      const [first, ...others] = threads.map(told);
      for (const other of others) expect(other).toEqual(first);
      await stopAll();
    } finally {
      await tdb.end();
      await dropSchema(timers);
    }
  }, 120_000);
});

describe("Discord: one process running every shard /gateway/bot recommends", () => {
  it("DISCORD_SHARD_COUNT=auto identifies each shard; guilds on both are answered once", async () => {
    const h = await startHarness({
      recommendedShards: 2,
      config: { channels: [], shards: "auto" },
    });
    try {
      const { fake: discord } = h;
      expect(discord.gateway.identifiedShards.map((s) => s.join("/")).sort()).toEqual([
        "0/2",
        "1/2",
      ]);
      const own = (threadId: string) => discord.botMessages(threadId);
      const threads = [0, 1].map((shard) => {
        const guild = discord.joinGuild(shard, 2);
        return discord.forumPostIn(guild.forum.id, discord.world.alice, "Gemini 429", GEMINI_429)
          .threadId;
      });
      for (const id of threads)
        await discord.waitFor(() => own(id).length > 0, `answer in ${id}`, 30_000);
      await h.bot.idle();
      for (const id of threads) expect(discord.writesTo(id).length).toBe(own(id).length);
      expect(own(threads[0] ?? "").map((m) => maskWait(m.content))).toEqual(
        own(threads[1] ?? "").map((m) => maskWait(m.content)),
      );
    } finally {
      await h.close();
    }
  }, 60_000);
});

describe("Discord: the state change of a thread on another process's shard", () => {
  it("tags the forum post through REST: the lifecycle tag is created, applied, then replaced", async () => {
    const discord = await FakeDiscord.start();
    const { world } = discord;
    const elsewhere = world.addGuild(1, 2);
    elsewhere.forum.available_tags = [
      { id: world.ids.next(), name: "gemini", moderated: false, emoji_id: null, emoji_name: null },
    ];
    const userTag = elsewhere.forum.available_tags[0]?.id ?? "";
    const thread = world.addThread(elsewhere.forum.id, world.alice.id, "Gemini 429");
    thread.applied_tags = [userTag];
    const client = createDiscordClient({
      token: world.token,
      apiUrl: discord.apiUrl,
      channels: [],
      staffRoles: [],
      staffUsers: [],
      staffChannel: null,
      triageAll: false,
      maxAttachmentBytes: 1000,
      commandScope: "guild",
      shards: { count: 2, ids: [0] },
    });
    try {
      const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
      await client.login(world.token);
      await ready;
      expect(client.guilds.cache.has(elsewhere.id)).toBe(false);
      const tags = new ForumTags(client, pino({ level: "silent" }));
      const tagNamed = (name: string) =>
        elsewhere.forum.available_tags?.find((t) => t.name === name)?.id;

      await tags.sync(thread.id, "awaiting_user");
      expect(thread.applied_tags).toEqual([userTag, tagNamed("needs-info")]);
      await tags.sync(thread.id, "diagnosed");
      expect(thread.applied_tags).toEqual([userTag, tagNamed("diagnosed")]);
      await tags.sync(thread.id, "closed_stale");
      expect(thread.applied_tags).toEqual([userTag]);
      // Deleted since: nothing to tag, and no error.
      world.channels.delete(thread.id);
      await expect(tags.sync(thread.id, "solved")).resolves.toBeUndefined();
    } finally {
      await client.destroy();
      await discord.close();
    }
  });
});

describe("npm start with DISCORD_SHARD_COUNT and DISCORD_SHARDS", () => {
  it("identifies as the shard it was given; a shard beyond the count stops it, named", async () => {
    const discord = await FakeDiscord.start({ recommendedShards: 2 });
    const dir = mkdtempSync(join(tmpdir(), "rlt-shard-main-"));
    const start = (shards: string) => {
      const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
        env: {
          PATH: process.env.PATH ?? "",
          DISCORD_TOKEN: discord.world.token,
          DISCORD_API_URL: discord.apiUrl,
          DISCORD_SHARD_COUNT: "2",
          DISCORD_SHARDS: shards,
          DATABASE_PATH: join(dir, "bot.db"),
          PORT: "0",
          HOST: "127.0.0.1",
          LOG_LEVEL: "info",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.push(child);
      let stdout = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      let stderr = "";
      child.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const exited = new Promise<number | null>((done) => child.once("exit", done));
      return { child, exited, stdout: () => stdout, stderr: () => stderr };
    };
    try {
      const bot = start("1");
      await discord.waitFor(() => discord.gateway.identifiedShards.length > 0, "IDENTIFY", 30_000);
      expect(discord.gateway.identifiedShards).toEqual([[1, 2]]);
      // Started (its signal handlers set) once /healthz listens: then SIGTERM stops it cleanly.
      await discord.waitFor(() => bot.stdout().includes("/healthz listening"), "started", 30_000);
      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);

      const wrong = start("2");
      expect(await wrong.exited).toBe(2);
      expect(wrong.stderr()).toContain(
        "DISCORD_SHARDS: shard 2 is not below DISCORD_SHARD_COUNT=2 (ids count from 0)",
      );
      expect(discord.gateway.identifiedShards).toHaveLength(1);
    } finally {
      await discord.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("Discord: the start-up check with some of the shards", () => {
  it("a watched channel in another shard's guild is that shard's to check; a wrong id is still named", async () => {
    const discord = await FakeDiscord.start();
    const { world } = discord;
    const elsewhere = world.addGuild(1, 2);
    const config = {
      token: world.token,
      apiUrl: discord.apiUrl,
      channels: [elsewhere.forum.id, "123456789012345678"],
      staffRoles: [],
      staffUsers: [],
      staffChannel: null,
      triageAll: false,
      maxAttachmentBytes: 1000,
      commandScope: "guild" as const,
      shards: { count: 2, ids: [0] },
    };
    const client = createDiscordClient(config);
    const logs: Array<{ level: number; msg: string }> = [];
    const logger = pino(
      { level: "info" },
      { write: (line: string) => logs.push(JSON.parse(line)) },
    );
    try {
      const ready = new Promise<Client<true>>((resolve) =>
        client.once(Events.ClientReady, resolve),
      );
      await client.login(world.token);
      const problems = await checkSetup(await ready, config, logger);
      const lines = logs.map((l) => `${l.level === 40 ? "warn" : "info"}: ${l.msg}`);
      expect(lines).toContain(
        `info: discord: watched channel ${elsewhere.forum.id} is in a guild of another shard: the process running that shard checks it`,
      );
      expect(lines).toContain(
        "warn: discord: watched channel 123456789012345678 is not visible to the bot (wrong id, or no View Channel)",
      );
      expect(problems).toBe(1);
    } finally {
      await client.destroy();
      await discord.close();
    }
  });
});
