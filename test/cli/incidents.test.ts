import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import { memoryIo } from "../helpers/cli-io.js";

const dir = mkdtempSync(join(tmpdir(), "rlt-cli-inc-"));
const db = join(dir, "bot.db");

async function seed(): Promise<void> {
  const store = openSqliteStore(db);
  const incidents = store.incidents();
  await incidents.open({
    id: "inc-1",
    signatureKey: "google|gemini-2.5-flash|capacity_or_overload|-|openclaw@2026.2",
    signature: {
      provider: "google",
      modelFamily: "gemini-2.5-flash",
      errorClass: "capacity_or_overload",
      signatureId: null,
      tool: "openclaw",
      versionBucket: "2026.2",
    },
    openedAt: "2026-05-01T12:20:00.000Z",
    firstSeenAt: "2026-05-01T12:02:00.000Z",
    lastHitAt: "2026-05-01T12:20:00.000Z",
    reporters: 7,
    explanation: "7 reporters in 18 min; usual: 0.3/h",
  });
  for (const t of ["discord:1", "slack:C1:2"])
    await incidents.addThread("inc-1", t, "2026-05-01T12:20:00.000Z");
  await store.close();
}

describe("ratelimit-triage incidents", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists the store's incidents, as text and as JSON", async () => {
    await seed();
    const text = memoryIo();
    expect(await runCli(["incidents", "--db", db], text.io)).toBe(0);
    expect(text.out()).toBe(
      "- **open** google gemini-2.5-flash · capacity_or_overload · openclaw 2026.2 · 7 reporters · opened on 7 reporters in 18 min; usual: 0.3/h · since 2026-05-01 12:02 UTC · 2 threads · id `inc-1`\n",
    );
    const json = memoryIo();
    expect(await runCli(["incidents", "--json", "--db", db], json.io)).toBe(0);
    const parsed = JSON.parse(json.out());
    expect(parsed.incidents[0]).toMatchObject({
      id: "inc-1",
      closedAt: null,
      threads: ["discord:1", "slack:C1:2"],
    });
  });

  it("exits 2 with a reason when there is no database", async () => {
    const io = memoryIo();
    expect(await runCli(["incidents", "--db", join(dir, "nope.db")], io.io)).toBe(2);
    expect(io.err()).toMatch(/^ratelimit-triage incidents: no database at .*nope\.db/);
  });
});
