/**
 * Threads written straight through `store.commit`, as many as a busy community keeps: each has
 * one reporter message with a Gemini 429, one reply, and a pending nudge. Shared by the catch-up
 * test and `npm run bench -- store`.
 */
import type { Author } from "../../src/conversation/port.js";
import type { RedactedText } from "../../src/core/redact/types.js";
import type { ThreadChange, ThreadRecord } from "../../src/store/records.js";
import { threadRecord } from "./thread-record.js";

export const T0 = Date.parse("2026-05-01T12:00:00.000Z");
export const DAY = 86_400_000;
export const alice: Author = { id: "u-alice", name: "alice", isBot: false, isStaff: false };
const ERROR_TEXT =
  'Gemini 2.5 flash keeps failing: 429 {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}';

export interface SeedOptions {
  /** Threads below this number have their nudge due a day after T0 (+i ms); the rest a month. */
  dueCount: number;
  /** Also leave a close timer due (the nudge was posted, then the bot went down). */
  alsoClose?: (i: number) => boolean;
}

/** A thread the bot answered and now waits on its reporter in. */
export function awaitingThread(key: string, at: string, version: number): ThreadRecord {
  return threadRecord(key, version, at, { reporterId: alice.id, reporterName: alice.name });
}

export function seedKey(i: number): string {
  return `slack:C1:${i}`;
}

export function seedChange(i: number, { dueCount, alsoClose }: SeedOptions): ThreadChange {
  const key = seedKey(i);
  const at = new Date(T0 + i * 1000).toISOString();
  return {
    eventId: `seed-${i}`,
    eventKind: "message",
    expectedVersion: null,
    thread: awaitingThread(key, at, 1),
    message: {
      threadKey: key,
      messageId: `m-${i}`,
      seq: 0,
      authorId: alice.id,
      authorName: alice.name,
      role: "reporter",
      text: ERROR_TEXT as RedactedText,
      attachments: [],
      redactions: [],
      at,
      editedAt: null,
    },
    addTimers: [
      {
        id: `seed-${i}:nudge`,
        threadKey: key,
        kind: "nudge",
        // Only the first `dueCount` threads have their nudge due by the end of the outage.
        dueAt: new Date(i < dueCount ? T0 + DAY + i : T0 + 30 * DAY).toISOString(),
        createdAt: at,
      },
      ...(alsoClose?.(i)
        ? [
            {
              id: `seed-${i}:close`,
              threadKey: key,
              kind: "close" as const,
              dueAt: new Date(T0 + DAY + 60_000 + i).toISOString(),
              createdAt: at,
            },
          ]
        : []),
    ],
    actions: [
      {
        id: `seed-${i}#0`,
        threadKey: key,
        eventId: `seed-${i}`,
        type: "reply",
        reason: null,
        text: "reply" as RedactedText,
        replaces: null,
        createdAt: at,
      },
    ],
  };
}
