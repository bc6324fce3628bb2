/**
 * Wraps a ConversationPort (the real engine, or a test double) and records what the adapter handed
 * it and what it answered, so Discord and Slack tests assert on the adapter's mapping both ways.
 */
import type {
  Action,
  ConversationPort,
  IncomingCommand,
  IncomingEvent,
} from "../../src/conversation/port.js";

export class RecordingConversation implements ConversationPort {
  /** Every event id handed in, duplicates included: shows whether the adapter deduped first. */
  readonly receivedIds: string[] = [];
  readonly events: IncomingEvent[] = [];
  readonly commands: IncomingCommand[] = [];
  readonly actions: Action[] = [];
  readonly sent: Array<{ threadKey: string; type: Action["type"]; id: string }> = [];

  constructor(private readonly inner: ConversationPort) {}

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
