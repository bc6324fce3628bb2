import type { Action } from "../../model/actions.js";
import type { ThreadSnapshot } from "../../store/records.js";
import { type Decision, Draft } from "../draft.js";
import type { RenderedNotice } from "../templates.js";

/** Runs a decision on one thread under the engine's queue, idempotency key and commit. */
export type CommitInThread = (
  threadKey: string,
  eventId: string,
  decide: (snapshot: ThreadSnapshot | null) => Decision | null,
) => Promise<Action[]>;

const FINISHED = new Set(["solved", "closed_stale"]);

/**
 * One note in a thread, once: the event id is the idempotency key, so a second process or a
 * restart finds it committed and posts nothing. Threads already finished get none unless
 * `evenIfFinished` (a fix reaches solved threads too).
 */
export function noteInThread(
  eventId: string,
  at: Date,
  /** The note, or how to write it for the thread (in the thread's language). */
  note: RenderedNotice | ((draft: Draft) => RenderedNotice),
  reason: "incident" | "fixed",
  evenIfFinished = false,
): (snapshot: ThreadSnapshot | null) => Decision | null {
  return (snapshot) => {
    if (!snapshot) return null;
    if (!evenIfFinished && FINISHED.has(snapshot.thread.state)) return null;
    const draft = new Draft(snapshot, snapshot.thread, eventId, "incident", at);
    draft.emit({
      type: "notice",
      threadKey: draft.threadKey,
      reason,
      ...(typeof note === "function" ? note(draft) : note),
    });
    return draft.finish();
  };
}

/** A staff-channel message carried by one thread of the platform it goes to. */
export function staffAlertVia(
  eventId: string,
  at: Date,
  alert: RenderedNotice,
): (snapshot: ThreadSnapshot | null) => Decision | null {
  return (snapshot) => {
    if (!snapshot) return null;
    const draft = new Draft(snapshot, snapshot.thread, eventId, "incident", at);
    draft.emit({ type: "staff_alert", threadKey: draft.threadKey, ...alert });
    return draft.finish();
  };
}

/** "discord:123" → "discord": threads of one platform share a staff channel. */
export function platformOf(threadKey: string): string {
  return threadKey.split(":")[0] ?? threadKey;
}

/** The first thread of each platform, in the order given. */
export function onePerPlatform(threadKeys: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const key of threadKeys) if (!seen.has(platformOf(key))) seen.set(platformOf(key), key);
  return [...seen.values()];
}
