/**
 * Wraps a ConversationPort (the real engine, or a test double) and records what the adapter handed
 * it and what it answered, so Discord and Slack tests assert on the adapter's mapping both ways.
 */
import type {
  Action,
  ConversationPort,
  IncomingCommand,
  IncomingEvent,
  RenderedNotice,
} from "../../src/conversation/port.js";
import { plainNotice } from "../../src/conversation/templates.js";
import type { OutboxStore } from "../../src/store/outbox.js";
import type { OpenThreadRecord } from "../../src/store/records.js";

export class RecordingConversation implements ConversationPort {
  /** Every event id handed in, duplicates included: shows whether the adapter deduped first. */
  readonly receivedIds: string[] = [];
  readonly events: IncomingEvent[] = [];
  readonly commands: IncomingCommand[] = [];
  readonly actions: Action[] = [];
  readonly sent: Array<{ threadKey: string; type: Action["type"]; id: string }> = [];

  /** The inner outbox, with each confirmed delivery noted in `sent`. */
  readonly outbox: OutboxStore;

  constructor(private readonly inner: ConversationPort) {
    const sent = this.sent;
    const outbox = inner.outbox;
    const types = new Map<string, { threadKey: string; type: Action["type"] }>();
    this.outbox = Object.assign(Object.create(outbox) as OutboxStore, {
      async pending(prefix: string, limit: number) {
        const entries = await outbox.pending(prefix, limit);
        for (const e of entries) types.set(e.id, { threadKey: e.threadKey, type: e.action.type });
        return entries;
      },
      async delivered(id: string, platformMessageId: string | null, at: Date) {
        await outbox.delivered(id, platformMessageId, at);
        const known = types.get(id);
        if (known && platformMessageId) sent.push({ ...known, id: platformMessageId });
      },
    });
  }

  get inbox() {
    return this.inner.inbox;
  }

  redact(text: string) {
    return this.inner.redact(text);
  }

  watches(threadKey: string): Promise<boolean> {
    return this.inner.watches(threadKey);
  }

  incidents(): Promise<RenderedNotice> {
    return (
      this.inner.incidents?.() ?? Promise.resolve(plainNotice("Incidents are not watched here."))
    );
  }

  trackIncident(id?: string): Promise<RenderedNotice> {
    return (
      this.inner.trackIncident?.(id) ??
      Promise.resolve(plainNotice("Incidents are not watched here."))
    );
  }

  openThreads(prefix: string): Promise<OpenThreadRecord[]> {
    return this.inner.openThreads(prefix);
  }

  knows(eventId: string): Promise<boolean> {
    return this.inner.knows(eventId);
  }

  async receive(event: IncomingEvent): Promise<Action[]> {
    this.receivedIds.push(event.eventId);
    this.events.push(event);
    const actions = await this.inner.receive(event);
    this.actions.push(...actions);
    return actions;
  }

  async command(command: IncomingCommand): Promise<Action[]> {
    this.commands.push(command);
    const actions = await this.inner.command(command);
    this.actions.push(...actions);
    return actions;
  }

  tick(now: Date): Promise<Action[]> {
    return this.inner.tick(now);
  }

  async recordSent(threadKey: string, action: Action, platformMessageId: string): Promise<void> {
    this.sent.push({ threadKey, type: action.type, id: platformMessageId });
    await this.inner.recordSent(threadKey, action, platformMessageId);
  }
}
