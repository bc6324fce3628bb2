/**
 * The half of a platform adapter that works off the ack path: it decides the events the adapter
 * recorded in the inbox and sends what the engine committed to the outbox. It runs on the thread
 * that decides (the engine thread in `npm start`, src/engine-thread), so the thread that holds the
 * platform's socket only records and acks. Exactly one runs per platform in a process: two
 * drainers of one outbox on one connection would send an action twice.
 */
export interface Deliveries {
  /** Sends what an earlier run committed and did not get out, then decides what it acked. */
  start(): Promise<void>;
  /** An event was recorded in the inbox: decide it soon (the pump also looks on its own). */
  kick(): void;
  /** Sends what is committed and due; resolves once it was tried. */
  drain(): Promise<void>;
  /** Resolves when nothing is being decided or sent and nothing due waits (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops taking events; what is being decided and sent finishes first. */
  stop(): Promise<void>;
}
