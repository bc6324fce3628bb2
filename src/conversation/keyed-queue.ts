/**
 * Runs tasks one at a time per key, in arrival order: two events of one thread never decide on
 * the same snapshot, while different threads proceed independently. The adapters use the same
 * queue per thread, so a follow-up waits until the earlier reply has its platform id to edit.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running (a measure of load). */
  get size(): number {
    return this.tails.size;
  }

  /** Resolves when every queued task has finished (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
