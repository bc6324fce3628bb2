import type { Action, ConversationPort, IncomingEvent } from "../../conversation/port.js";
import type { Scheduler } from "../../conversation/scheduler.js";
import { redact } from "../../core/redact/redact.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import type { Store } from "../../store/store.js";
import { writeConsoleChart } from "./chart-file.js";
import { CONSOLE_HELP, type ConsoleCommand, parseConsoleCommand } from "./console-command.js";
import type { ConsoleInput } from "./message-assembler.js";
import { renderAction, renderUserMessage, threadLabel, utc } from "./render-action.js";
import {
  type ConsoleSession,
  DEFAULT_NAMES,
  fromStoredEvent,
  nextId,
  saveSession,
  speakerAuthor,
  threadKeyOf,
  toStoredEvent,
} from "./session.js";
import { formatOffset } from "./time-offset.js";

export interface RunnerDeps {
  conversation: ConversationPort;
  store: Store;
  kb: Knowledge;
  session: ConsoleSession;
  clock: () => Date;
  write: (text: string) => void;
  /** Print the user's own messages and commands (piped input, where nothing else shows them). */
  echo: boolean;
  /** Where reply charts are written as PNG files; none are drawn when unset. */
  chartDir?: string;
}

const MENTION = /@(?:bot|ratelimit-triage)\b/i;

/**
 * Turns console input into the port's events and commands, and prints the actions the way a
 * chat would show them. Everything goes through the same engine and store as Discord and Slack.
 */
export class ConsoleRunner {
  private readonly names = new Map<string, string>();
  private scheduler: Scheduler | null = null;

  constructor(private readonly deps: RunnerDeps) {}

  get session(): ConsoleSession {
    return this.deps.session;
  }

  attachScheduler(scheduler: Scheduler): void {
    this.scheduler = scheduler;
  }

  /** Prints actions and reports the console's "message ids" back, so later edits can name them. */
  async deliver(actions: readonly Action[]): Promise<void> {
    const nameOf = (id: string) => this.names.get(id) ?? id.replace(/^console:/, "");
    for (const action of actions) {
      this.deps.write(renderAction(action, this.deps.kb, nameOf));
      if (action.type === "reply" && action.chart && this.deps.chartDir)
        this.deps.write(
          await writeConsoleChart(this.deps.chartDir, action.id ?? "chart", action.chart),
        );
      if (action.type === "state") continue;
      const threadKey = action.type === "handoff_card" ? action.card.threadKey : action.threadKey;
      const sentId =
        ("replaces" in action && action.replaces) ||
        `console-out:${action.id ?? nextId(this.session)}`;
      await this.deps.conversation.recordSent(threadKey, action, sentId);
    }
  }

  /** Handles one input; false when the user asked to quit. */
  async handle(input: ConsoleInput): Promise<boolean> {
    if (input.kind === "message") await this.message(input.text);
    else {
      if (this.deps.echo) this.deps.write(`> ${input.line}\n\n`);
      if (!(await this.command(parseConsoleCommand(input.line)))) return false;
    }
    await this.scheduler?.runOnce();
    return true;
  }

  private async message(text: string): Promise<void> {
    const s = this.session;
    const author = speakerAuthor(s);
    this.names.set(author.id, author.name);
    const threadKey = threadKeyOf(s);
    const editOf = s.editNext ? s.lastOwn[author.id] : undefined;
    s.editNext = false;
    const id = nextId(s);
    const messageId = editOf ?? `m${id}`;
    const at = this.deps.clock();
    const event: IncomingEvent = {
      platform: "console",
      threadKey,
      // Platform message id plus edit time; the counter keeps edits apart under a frozen clock.
      eventId: editOf
        ? `${threadKey}:${messageId}@${at.toISOString()}~${id}`
        : `${threadKey}:${messageId}`,
      messageId,
      kind: editOf ? "edit" : "message",
      author,
      text,
      attachments: [],
      at,
      ...(s.pendingTitle && !s.threadHasMessages ? { title: s.pendingTitle } : {}),
      ...(MENTION.test(text) ? { mentionsBot: true } : {}),
    };
    if (!s.threadHasMessages) s.reporterName = author.name;
    s.threadHasMessages = true;
    s.lastOwn[author.id] = messageId;
    // The session row is SQLite too: it keeps the redacted text, which the engine reads the same.
    s.lastEvent = toStoredEvent({
      ...event,
      text: redact(event.text, this.deps.kb.secretRules).text,
    });
    // Saved before the engine sees the event: a crash after this never reuses the id.
    await saveSession(this.deps.store, s);
    if (this.deps.echo) {
      this.deps.write(
        renderUserMessage(author.name, s.speaker.role, threadKey, text, editOf !== undefined),
      );
    }
    await this.deliver(await this.deps.conversation.receive(event));
  }

  private async command(command: ConsoleCommand): Promise<boolean> {
    const s = this.session;
    const write = this.deps.write;
    switch (command.kind) {
      case "quit":
        return false;
      case "help":
        write(`${CONSOLE_HELP}\n`);
        break;
      case "invalid":
        write(`!! ${command.message}\n\n`);
        break;
      case "new":
        // An untouched thread is reused: /new as the first command names thread #1.
        if (s.threadHasMessages) s.threadNumber += 1;
        s.pendingTitle = command.title && redact(command.title, this.deps.kb.secretRules).text;
        s.threadHasMessages = false;
        s.reporterName = DEFAULT_NAMES.reporter;
        s.speaker = { role: "reporter", name: DEFAULT_NAMES.reporter };
        s.lastOwn = {};
        s.editNext = false;
        await saveSession(this.deps.store, s);
        write(
          `── new thread ${threadLabel(threadKeyOf(s))}${command.title ? `: ${command.title}` : ""} · speaking as ${s.speaker.name} (reporter) ──\n\n`,
        );
        break;
      case "as": {
        const name =
          command.name ??
          (command.role === "reporter" ? s.reporterName : DEFAULT_NAMES[command.role]);
        s.speaker = { role: command.role, name };
        await saveSession(this.deps.store, s);
        write(`── speaking as ${name} (${command.role}) ──\n\n`);
        break;
      }
      case "edit":
        if (!s.lastOwn[speakerAuthor(s).id])
          write("!! nothing of yours to edit in this thread yet\n\n");
        else {
          s.editNext = true;
          write("── your next message replaces your last one ──\n\n");
        }
        break;
      case "time":
        if (command.offsetMs !== null) {
          s.offsetMs += command.offsetMs;
          await saveSession(this.deps.store, s);
        }
        write(`── clock: ${utc(this.deps.clock())} (${formatOffset(s.offsetMs)}) ──\n\n`);
        break;
      case "incidents": {
        const conversation = this.deps.conversation;
        const list = command.track
          ? await conversation.trackIncident?.(command.id ?? undefined)
          : await conversation.incidents?.();
        write(
          `── incidents (only staff see this) ──\n${list?.text ?? "Incidents are not watched here."}\n\n`,
        );
        break;
      }
      case "redeliver": {
        if (!s.lastEvent) {
          write("!! no event to redeliver yet\n\n");
          break;
        }
        const actions = await this.deps.conversation.receive(fromStoredEvent(s.lastEvent));
        if (actions.length === 0)
          write(`── redelivered ${s.lastEvent.eventId}: already handled, nothing new ──\n\n`);
        await this.deliver(actions);
        break;
      }
      case "thread": {
        const author = speakerAuthor(s);
        this.names.set(author.id, author.name);
        const id = nextId(s);
        await saveSession(this.deps.store, s);
        const threadKey = threadKeyOf(s);
        const actions = await this.deps.conversation.command({
          platform: "console",
          threadKey,
          eventId: `${threadKey}:c${id}`,
          name: command.name,
          author,
          at: this.deps.clock(),
          ...(command.argument ? { argument: command.argument } : {}),
        });
        await this.deliver(actions);
        break;
      }
    }
    return true;
  }
}
