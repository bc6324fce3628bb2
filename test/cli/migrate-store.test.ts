import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { alice, conversationFixture, Harness } from "../conversation/support/harness.js";
import { memoryIo } from "../helpers/cli-io.js";
import {
  dropSchema,
  freshSchemaName,
  PG_URL,
  postgresAvailable,
} from "../helpers/store-backends.js";

describe("ratelimit-triage migrate-store: usage", () => {
  it("a --to that is not a postgres:// URL exits 2 without echoing it", async () => {
    const io = memoryIo();
    const code = await runCli(
      ["migrate-store", "--from", "x.db", "--to", "mysql://bot:hunter22@db/x"],
      io.io,
    );
    expect(code).toBe(2);
    expect(io.err()).toBe(
      "ratelimit-triage migrate-store: --to must be a postgres:// (or postgresql://) URL\n",
    );
  });

  it("a missing SQLite file exits 2 naming it", async () => {
    const io = memoryIo();
    const code = await runCli(
      ["migrate-store", "--from", "/nonexistent/bot.db", "--to", "postgres://127.0.0.1:1/x"],
      io.io,
    );
    expect(code).toBe(2);
    expect(io.err()).toBe(
      "ratelimit-triage migrate-store: no SQLite database at /nonexistent/bot.db\n",
    );
  });

  it("an unknown option names the usage", async () => {
    const io = memoryIo();
    expect(await runCli(["migrate-store", "--dry-run"], io.io)).toBe(2);
    expect(io.err()).toMatch(/unexpected "--dry-run" \(usage: migrate-store /);
  });
});

const pgOk = postgresAvailable("migrate-store");

describe.skipIf(!pgOk)("ratelimit-triage migrate-store on PostgreSQL", () => {
  const schema = freshSchemaName();
  const h = new Harness();
  afterAll(async () => {
    await dropSchema(schema);
    await h.close();
  });

  it("prints the counts; a second run is refused, and with --force copies nothing", async () => {
    await h.say(alice, conversationFixture("gemini-per-day-error.txt"));
    await h.store.close();
    const url = (PG_URL ?? "").replace("postgres://postgres@", "postgres://postgres:s3cret@");
    const args = ["migrate-store", "--from", h.path, "--to", url, "--schema", schema];
    const first = memoryIo();
    expect(await runCli(args, first.io)).toBe(0);
    const out = first.out();
    expect(out.split("\n")[0]).toMatch(
      new RegExp(
        `^Copied .*bot\\.db \\(schema version \\d+\\) to postgres://127\\.0\\.0\\.1:5432/\\w+ \\(schema ${schema}\\):$`,
      ),
    );
    expect(out).toMatch(/\n {2}threads +1 copied\n/);
    expect(out).toMatch(/\n {2}messages +1 copied\n/);
    expect(out).toMatch(/\n {2}total +\d+ copied, 0 already there\n$/);
    expect(out + first.err()).not.toContain("s3cret");

    const refused = memoryIo();
    expect(await runCli(args, refused.io)).toBe(2);
    expect(refused.err()).toMatch(/the PostgreSQL store is not empty \(threads 1, .*--force/);
    expect(refused.err()).not.toContain("s3cret");

    const forced = memoryIo();
    expect(await runCli([...args, "--force", "--json"], forced.io)).toBe(0);
    const report = JSON.parse(forced.out());
    expect(report.copied).toBe(0);
    expect(report.tables.find((t: { table: string }) => t.table === "threads")).toEqual({
      table: "threads",
      source: 1,
      copied: 0,
      alreadyThere: 1,
    });
  });
});
