/**
 * Hands out turns of the event loop one at a time: each `take()` resolves in its own turn, so
 * between two pieces of heavy synchronous work (deciding an event: several milliseconds of CPU)
 * the loop polls its sockets once. Incoming requests (Slack's acks) then wait for at most one
 * decision instead of a burst of them, however many are ready.
 */
export class EventLoopTurns {
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;

  take(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  /** Turns asked for and not yet given (a measure of the backlog of CPU work). */
  get queued(): number {
    return this.waiting.length;
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase: the sockets are read before each turn is given.
    setImmediate(() => {
      this.scheduled = false;
      this.waiting.shift()?.();
      this.schedule();
    });
  }
}
