import { describe, expect, it } from "vitest";
import type { NewInboxEntry } from "../../src/store/inbox.js";
import { storeBackends, storeForEachTest } from "../helpers/store-backends.js";

const AT = new Date("2026-05-01T12:00:00.000Z");
const later = (ms: number) => new Date(AT.getTime() + ms);

function event(id: string, threadKey: string): NewInboxEntry {
  return { id, threadKey, payload: JSON.stringify({ text: `event ${id}` }), receivedAt: AT };
}

describe.each(storeBackends("the inbox tests"))("the inbox on $name", (backend) => {
  if (!backend.available) return;
  const db = storeForEachTest(backend);

  it("records an event once: a redelivery finds it there", async () => {
    const inbox = db.store.inbox;
    expect(await inbox.record(event("e1", "slack:C:1"))).toBe(true);
    expect(await inbox.record(event("e1", "slack:C:1"))).toBe(false);
    expect(await inbox.backlog("slack:")).toBe(1);
    expect(await inbox.holdsThread("slack:C:1")).toBe(true);
    expect(await inbox.holdsThread("slack:C:2")).toBe(false);
  });

  it("hands out events oldest first, of its prefix only, each once while it is in flight", async () => {
    const inbox = db.store.inbox;
    for (const [id, key] of [
      ["a", "slack:C:1"],
      ["b", "discord:9"],
      ["c", "slack:C:2"],
      ["d", "slack:C:1"],
    ] as const)
      await inbox.record(event(id, key));
    const first = await inbox.take("slack:", 2, AT);
    expect(first.map((e) => [e.id, e.threadKey, e.attempts])).toEqual([
      ["a", "slack:C:1", 0],
      ["c", "slack:C:2", 0],
    ]);
    expect(JSON.parse(first[0]?.payload ?? "{}")).toEqual({ text: "event a" });
    expect((await inbox.take("slack:", 10, AT)).map((e) => e.id)).toEqual(["d"]);
    expect(await inbox.take("slack:", 10, AT)).toEqual([]);
    await inbox.done(["a"]);
    expect(await inbox.backlog("slack:")).toBe(2);
    expect(await inbox.backlog("discord:")).toBe(1);
  });

  it("a failed event waits out its backoff, and its thread's later events wait behind it", async () => {
    const inbox = db.store.inbox;
    await inbox.record(event("q", "slack:C:1"));
    await inbox.record(event("r", "slack:C:1"));
    await inbox.record(event("other", "slack:C:2"));
    const taken = await inbox.take("slack:", 1, AT);
    expect(taken.map((e) => e.id)).toEqual(["q"]);
    await inbox.retryLater("q", "the database is locked", later(1_000));
    // Only the other thread's event is due; "r" must not overtake "q".
    expect((await inbox.take("slack:", 10, later(10))).map((e) => e.id)).toEqual(["other"]);
    const retried = await inbox.take("slack:", 10, later(1_000));
    expect(retried.map((e) => [e.id, e.attempts, e.lastError])).toEqual([
      ["q", 1, "the database is locked"],
      ["r", 0, null],
    ]);
  });

  it("what a process held when it stopped is handed out again after a restart", async () => {
    await db.store.inbox.record(event("held", "slack:C:1"));
    expect((await db.store.inbox.take("slack:", 10, AT)).map((e) => e.id)).toEqual(["held"]);
    await db.reopen();
    expect((await db.store.inbox.take("slack:", 10, AT)).map((e) => e.id)).toEqual(["held"]);
  });
});
