/**
 * Runs work for one thread at a time, in arrival order. A follow-up that arrives while the first
 * reply is still being posted (say, waiting out a 429) must see that reply's id (Discord) or ts
 * (Slack) to edit it, instead of racing it and posting a second reply. Shared by both adapters.
 */
export class ThreadQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run(key: string, work: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Resolves when every queued piece of work has finished (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
