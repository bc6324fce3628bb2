/**
 * A small in-memory ConversationPort for adapter end-to-end tests, until the real engine in
 * src/conversation/ is used: it runs the real `triage()` on the thread's messages, dedupes event
 * ids, edits its earlier reply (`replaces`) and answers the thread commands with the actions an
 * adapter must execute. It records what it received so tests can assert on the adapter's mapping.
 */
import type {
  Action,
  ConversationPort,
  HandoffCard,
  IncomingCommand,
  IncomingEvent,
  LifecycleState,
} from "../../src/conversation/port.js";
import { redact, trustedText } from "../../src/core/redact/redact.js";
import type { RedactedText } from "../../src/core/redact/types.js";
import type { ThreadMessage } from "../../src/core/thread.js";
import type { Knowledge } from "../../src/knowledge/knowledge.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import type { OpenThreadRecord } from "../../src/store/records.js";
import { triage } from "../../src/triage.js";
import { MemoryInbox } from "./memory-inbox.js";
import { MemoryOutbox } from "./memory-outbox.js";

interface ThreadState {
  key: string;
  title: string;
  url?: string;
  reporterId: string;
  messages: Array<ThreadMessage & { id: string }>;
  state: LifecycleState;
  replyId: string | null;
  cardId: string | null;
  assignee: string | null;
  last: ReturnType<typeof triage> | null;
}

export interface ConversationForTestsOptions {
  kb?: Knowledge;
  now?: () => Date;
}

export class ConversationForTests implements ConversationPort {
  /** Every event id handed in, duplicates included: shows whether the adapter deduped first. */
  readonly receivedIds: string[] = [];
  readonly events: IncomingEvent[] = [];
  readonly commands: IncomingCommand[] = [];
  readonly sent: Array<{ threadKey: string; type: Action["type"]; id: string }> = [];
  private readonly threads = new Map<string, ThreadState>();
  /** Sent replies and cards become the thread's `replaceable` ids, as recordSent did. */
  readonly outbox = new MemoryOutbox((action, id) => this.noteSent(action, id));
  readonly inbox = new MemoryInbox();
  private readonly seen = new Set<string>();
  private readonly kb: Knowledge;
  private readonly now: () => Date;

  constructor(options: ConversationForTestsOptions = {}) {
    this.kb = options.kb ?? loadKnowledge();
    this.now = options.now ?? (() => new Date());
  }

  redact(text: string) {
    return redact(text, this.kb.secretRules);
  }

  thread(key: string): Readonly<ThreadState> | undefined {
    return this.threads.get(key);
  }

  async watches(threadKey: string): Promise<boolean> {
    return this.threads.has(threadKey);
  }

  async openThreads(prefix: string): Promise<OpenThreadRecord[]> {
    return [...this.threads.values()]
      .filter((t) => t.key.startsWith(prefix) && t.state !== "solved" && t.state !== "closed_stale")
      .map((t) => ({
        key: t.key,
        title: trustedText(t.title),
        url: t.url ?? null,
        state: t.state,
        assignee: t.assignee,
        lastActivityAt: this.now().toISOString(),
      }));
  }

  async knows(eventId: string): Promise<boolean> {
    return this.seen.has(eventId);
  }

  async receive(event: IncomingEvent): Promise<Action[]> {
    return this.outbox.add(await this.decideMessage(event));
  }

  async command(command: IncomingCommand): Promise<Action[]> {
    // /diagnose answers the asker only, as the real engine stores it.
    const inline = (a: Action) => command.name === "diagnose" && a.type === "reply";
    return this.outbox.add(await this.decideCommand(command), inline);
  }

  private async decideMessage(event: IncomingEvent): Promise<Action[]> {
    this.receivedIds.push(event.eventId);
    if (this.seen.has(event.eventId)) return [];
    this.seen.add(event.eventId);
    this.events.push(event);
    if (event.author.isBot) return [];
    const thread = this.threadFor(event.threadKey, event.author.id, event.title, event.url);
    const message = {
      id: event.messageId,
      author: event.author.name,
      role: event.author.isStaff
        ? ("staff" as const)
        : event.author.id === thread.reporterId
          ? ("reporter" as const)
          : ("community" as const),
      content: event.text,
      attachments: event.attachments,
      at: event.at.toISOString(),
    };
    const index = thread.messages.findIndex((m) => m.id === event.messageId);
    if (event.kind === "edit" && index >= 0) thread.messages[index] = message;
    else thread.messages.push(message);
    // Humans own a handed-off thread, and the bot does not answer staff.
    if (thread.state === "handed_off" || event.author.isStaff) return [];
    return this.reply(thread);
  }

  private async decideCommand(command: IncomingCommand): Promise<Action[]> {
    if (this.seen.has(command.eventId)) return [];
    this.seen.add(command.eventId);
    this.commands.push(command);
    const thread = this.threadFor(command.threadKey, command.author.id);
    const text = (s: string) => redact(s, this.kb.secretRules).text;
    switch (command.name) {
      case "triage":
      case "diagnose":
        return this.reply(thread);
      case "handoff":
        return [
          ...this.move(thread, "handed_off"),
          {
            type: "notice",
            threadKey: thread.key,
            text: text("A human will take it from here."),
            reason: "handoff",
          },
          this.card(thread),
        ];
      case "claim":
        thread.assignee = command.author.id;
        return [
          {
            type: "notice",
            threadKey: thread.key,
            text: text(`${command.author.name} is on it.`),
            reason: "claimed",
          },
          this.card(thread),
        ];
      case "back_to_bot":
        thread.assignee = null;
        return [...this.move(thread, "diagnosed"), this.card(thread)];
      case "solved":
        return [
          ...this.move(thread, "solved"),
          {
            type: "notice",
            threadKey: thread.key,
            text: text("Marked as solved."),
            reason: "solved",
          },
        ];
      case "issue":
        return [
          {
            type: "ephemeral",
            threadKey: thread.key,
            userId: command.author.id,
            text: text(`Draft issue: ${thread.title}\n\n${thread.last?.report.reply ?? ""}`),
          },
        ];
      case "card":
        return [this.card(thread)];
      case "issue_confirm":
        return [
          {
            type: "ephemeral",
            threadKey: thread.key,
            userId: command.author.id,
            text: text(`Filed ${command.argument ?? "create"}`),
          },
        ];
    }
  }

  async tick(_now: Date): Promise<Action[]> {
    return [];
  }

  async recordSent(threadKey: string, action: Action, platformMessageId: string): Promise<void> {
    this.noteSent({ ...action, threadKey } as Action, platformMessageId);
  }

  private noteSent(action: Action, platformMessageId: string): void {
    const threadKey = action.type === "handoff_card" ? action.card.threadKey : action.threadKey;
    this.sent.push({ threadKey, type: action.type, id: platformMessageId });
    const thread = this.threads.get(threadKey);
    if (!thread) return;
    if (action.type === "reply") thread.replyId = platformMessageId;
    if (action.type === "handoff_card") thread.cardId = platformMessageId;
  }

  private threadFor(key: string, authorId: string, title?: string, url?: string): ThreadState {
    let thread = this.threads.get(key);
    if (!thread) {
      thread = {
        key,
        title: title ?? key,
        reporterId: authorId,
        messages: [],
        state: "new",
        replyId: null,
        cardId: null,
        assignee: null,
        last: null,
        ...(url ? { url } : {}),
      };
      this.threads.set(key, thread);
    }
    return thread;
  }

  private reply(thread: ThreadState): Action[] {
    const result = triage({ title: thread.title, messages: thread.messages }, this.kb, this.now());
    thread.last = result;
    const decided = result.report.errorClass !== "unknown";
    return [
      {
        type: "reply",
        threadKey: thread.key,
        text: redact(result.report.reply, this.kb.secretRules).text,
        report: result.report,
        analysis: result.analysis,
        ...(thread.replyId ? { replaces: thread.replyId } : {}),
      },
      ...this.move(thread, decided ? "diagnosed" : "awaiting_user"),
    ];
  }

  private move(thread: ThreadState, to: LifecycleState): Action[] {
    const from = thread.state;
    if (from === to) return [];
    thread.state = to;
    return [{ type: "state", threadKey: thread.key, from, to }];
  }

  private card(thread: ThreadState): Action {
    const report =
      thread.last?.report ?? triage({ messages: thread.messages }, this.kb, this.now()).report;
    const card: HandoffCard = {
      threadKey: thread.key,
      title: thread.title,
      state: thread.state,
      summary: redact(report.reply.split("\n")[0] ?? "", this.kb.secretRules).text as RedactedText,
      report,
      askedAndAnswered: report.missing.map((m) => ({
        id: m.id,
        askedAt: this.now().toISOString(),
        answered: false,
      })),
      redactionKinds: [...new Set(report.redactions.map((r) => r.kind))],
      assignee: thread.assignee,
      ...(thread.url ? { url: thread.url } : {}),
    };
    return { type: "handoff_card", card, ...(thread.cardId ? { replaces: thread.cardId } : {}) };
  }
}
