/** Row → record mapping of the outbox columns of `actions`, shared by both stores. */
import type { Action } from "../model/actions.js";
import type { DeadLetter, OutboxEntry } from "./outbox.js";

type Row = Record<string, unknown>;

const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** A pending row read with its `superseded_by` column (the later reply standing for it). */
export function outboxEntryFromRow(r: Row): OutboxEntry {
  return {
    id: String(r.id),
    threadKey: String(r.thread_key),
    action: JSON.parse(String(r.payload)) as Action,
    attempts: Number(r.attempts),
    nextAttemptAt: strOrNull(r.next_attempt_at),
    lastError: strOrNull(r.last_error),
    inDoubt: r.in_flight_since !== null,
    supersededBy: strOrNull(r.superseded_by),
    createdAt: String(r.created_at),
    canWait: String(r.event_id).startsWith("timer:"),
  };
}

export function deadLetterFromRow(r: Row): DeadLetter {
  return {
    id: String(r.id),
    threadKey: String(r.thread_key),
    type: String(r.type) as Action["type"],
    attempts: Number(r.attempts),
    error: String(r.last_error ?? "unknown error"),
    createdAt: String(r.created_at),
    deadAt: String(r.settled_at),
  };
}
