/**
 * A bounded set of ids seen recently. Slack redelivers an event it thinks we missed (with
 * X-Slack-Retry-Num) and sends both `message` and `app_mention` for one mention; either must
 * reach the engine once. The engine dedupes too; this saves the work and the API calls.
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 5000) {}

  /** True the first time an id is seen, false after. */
  firstSeen(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.add(id);
    return true;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Remembers an id; the oldest is forgotten past capacity. */
  add(id: string): void {
    this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }
}
