import type { Config } from "../config/config.js";
import type { ConversationPort } from "../conversation/port.js";

/** The conversation's deciding calls, which run on the engine thread (the rest only read or record). */
export type ConversationMethod = "receive" | "command" | "tick" | "incidents" | "trackIncident";

/** Calls to a platform's deliveries on the engine thread (src/inbox/deliveries.ts), with the platform. */
export type DeliveriesMethod =
  | "deliveries.kick"
  | "deliveries.drain"
  | "deliveries.idle"
  | "deliveries.stop";

export type EngineMethod = ConversationMethod | DeliveriesMethod;

export type EngineResult<M extends EngineMethod> = M extends ConversationMethod
  ? Awaited<ReturnType<NonNullable<ConversationPort[M]>>>
  : undefined;

/** What the worker is started with (structured-cloned: plain data only). */
export interface EngineThreadData {
  config: Config;
  /** Decide sample posts before reporting ready (off in tests that start many threads). */
  warmUp: boolean;
  /**
   * Platforms whose acked events are decided and whose replies are sent on the thread (its
   * inbox pump and outbox drainer run there); the main thread then only records and acks.
   */
  deliversFor: DeliveringPlatform[];
}

/** The platforms whose deliveries can run on the engine thread. */
export type DeliveringPlatform = "slack";

export type ToEngine =
  | { type: "call"; id: number; method: EngineMethod; args: unknown[] }
  | { type: "stop" };

export interface SentError {
  name: string;
  message: string;
  stack?: string;
}

export type FromEngine =
  | { type: "ready"; warmUpMs: number | null }
  | { type: "failed"; error: SentError }
  | { type: "answer"; id: number; ok: true; value: unknown }
  | { type: "answer"; id: number; ok: false; error: SentError }
  | { type: "stopped" };

export function toSentError(error: unknown): SentError {
  if (error instanceof Error)
    return {
      name: error.name,
      message: error.message,
      ...(error.stack ? { stack: error.stack } : {}),
    };
  return { name: "Error", message: String(error) };
}

/** An error thrown on the engine thread, thrown again on the caller's side with its message. */
export class EngineCallError extends Error {
  constructor(sent: SentError) {
    super(sent.message);
    this.name = sent.name;
    if (sent.stack) this.stack = sent.stack;
  }
}
