/**
 * Kill points for the bot processes of the kill tests (Slack and Discord), wrapped around the real
 * store and engine so the product code carries no test hooks. The process reads one line on stdin
 * first, `{"step":…,"threadKey":…}` or `{}`: the test warms the next process while the current one
 * runs, and only an armed (started) one opens the database. The process SIGKILLs itself at `step`,
 * for thread `threadKey`'s event only.
 */
import { createInterface } from "node:readline";
import type { ConversationPort } from "../../src/conversation/port.js";
import type { Store } from "../../src/store/store.js";
import type { KillStep } from "./kill-steps.js";

export interface Armed {
  step?: KillStep;
  threadKey?: string;
  /**
   * The event whose arrival and commit are the kill points (received, committed), when the
   * thread has older events: a restart reads a known thread back, and must not die on those.
   */
  eventId?: string;
}

/** Waits for the test's go-ahead line: where to die, or `{}` for a process that lives. */
export async function waitForArming(): Promise<Armed> {
  const lines = createInterface({ input: process.stdin });
  const line = await new Promise<string>((resolve) => lines.once("line", resolve));
  return JSON.parse(line) as Armed;
}

function killerFor(armed: Armed) {
  return (step: KillStep, threadKey: string, eventId?: string): void => {
    if (armed.step !== step || threadKey !== armed.threadKey) return;
    if (eventId !== undefined && armed.eventId !== undefined && eventId !== armed.eventId) return;
    process.kill(process.pid, "SIGKILL");
  };
}

/** Arms the store's steps: committed, begun, posted (before the id is stored), recorded. */
export function armStore(store: Store, armed: Armed): void {
  const killAt = killerFor(armed);
  const commit = store.commit.bind(store);
  store.commit = async (change) => {
    const result = await commit(change);
    if (change.eventKind === "message") killAt("committed", change.thread.key, change.eventId);
    return result;
  };
  const outbox = store.outbox;
  const threadOf = new Map<string, string>();
  const pending = outbox.pending.bind(outbox);
  outbox.pending = async (prefix, limit) => {
    const entries = await pending(prefix, limit);
    for (const e of entries) threadOf.set(e.id, e.threadKey);
    return entries;
  };
  const begin = outbox.begin.bind(outbox);
  outbox.begin = async (id, at) => {
    await begin(id, at);
    killAt("begun", threadOf.get(id) ?? "");
  };
  const delivered = outbox.delivered.bind(outbox);
  outbox.delivered = async (id, platformId, at) => {
    // The platform has the message; the process dies before it knows its id.
    killAt("posted", threadOf.get(id) ?? "");
    await delivered(id, platformId, at);
    killAt("recorded", threadOf.get(id) ?? "");
  };
}

/** Arms the first step: the event reached the engine's door and nothing is stored yet. */
export function armReceive(engine: ConversationPort, armed: Armed): ConversationPort {
  const killAt = killerFor(armed);
  // The engine is a plain object of closures: spreading it keeps every other method working.
  return {
    ...engine,
    receive: (event) => {
      killAt("received", event.threadKey, event.eventId);
      return engine.receive(event);
    },
  };
}
