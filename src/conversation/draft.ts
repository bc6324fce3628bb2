import type { Analysis } from "../core/analyze.js";
import type {
  ActionRecord,
  AskedRecord,
  HandoffRecord,
  IssueReportRecord,
  MessageRecord,
  ResolutionRecord,
  ThreadChange,
  ThreadRecord,
  ThreadSnapshot,
  TimerKind,
  TimerRecord,
  VerdictRecord,
} from "../store/records.js";
import type { Action, LifecycleState } from "./port.js";

/** Distributes Omit over the Action union, so each variant keeps its own fields. */
type WithoutId<A> = A extends Action ? Omit<A, "id"> : never;

/** The action as the outbox keeps it: the analysis behind a reply is the verdict's, not the message's. */
function storedPayload(action: Action): Action {
  if (action.type !== "reply" || !action.analysis) return action;
  const { analysis: _analysis, ...rest } = action;
  return rest;
}

export interface Decision {
  change: ThreadChange;
  actions: Action[];
}

/**
 * One event's work in progress: a copy of the thread to change, the actions to return and the
 * rows to write. Decisions are built on a draft and committed in one transaction, so a crash
 * leaves either all of an event's effects or none.
 */
export class Draft {
  readonly thread: ThreadRecord;
  readonly messages: MessageRecord[];
  readonly asked: Map<string, AskedRecord>;
  readonly actions: Action[] = [];
  private readonly records: ActionRecord[] = [];
  private readonly askedChanges = new Map<string, AskedRecord>();
  private readonly timers: TimerRecord[] = [];
  private cancel = false;
  private message: MessageRecord | undefined;
  private verdictRecord: VerdictRecord | undefined;
  handoff: HandoffRecord | null;
  private handoffChanged = false;
  resolution: ResolutionRecord | undefined;
  issueReport: IssueReportRecord | undefined;
  firedTimerId: string | undefined;

  constructor(
    readonly snapshot: ThreadSnapshot | null,
    thread: ThreadRecord,
    readonly eventId: string,
    readonly eventKind: ThreadChange["eventKind"],
    readonly at: Date,
  ) {
    this.thread = { ...thread, updatedAt: at.toISOString() };
    this.messages = [...(snapshot?.messages ?? [])];
    this.asked = new Map((snapshot?.asked ?? []).map((a) => [a.questionId, a]));
    this.handoff = snapshot?.handoff ?? null;
  }

  get iso(): string {
    return this.at.toISOString();
  }

  get threadKey(): string {
    return this.thread.key;
  }

  emit(action: WithoutId<Action>): Action {
    const id = `${this.eventId}#${this.records.length}`;
    const full = { ...action, id } as Action;
    this.actions.push(full);
    this.records.push({
      id,
      threadKey: this.thread.key,
      eventId: this.eventId,
      type: full.type,
      reason: full.type === "notice" ? full.reason : null,
      text: "text" in full ? full.text : null,
      replaces: "replaces" in full && full.replaces !== undefined ? full.replaces : null,
      createdAt: this.iso,
      payload: storedPayload(full),
      // Only the live interaction can carry an answer meant for one person.
      // (the console prints every action as it happens).
      delivery:
        full.type === "ephemeral" || this.thread.platform === "console" ? "inline" : "outbox",
    });
    return full;
  }

  setState(to: LifecycleState): void {
    const from = this.thread.state;
    if (from === to) return;
    this.thread.state = to;
    this.emit({ type: "state", threadKey: this.thread.key, from, to });
  }

  /** Whether this event brought a message (or an edit); a command or a timer does not. */
  get hasMessage(): boolean {
    return this.message !== undefined;
  }

  putMessage(message: MessageRecord): void {
    this.message = message;
    const i = this.messages.findIndex((m) => m.messageId === message.messageId);
    if (i >= 0) this.messages[i] = message;
    else this.messages.push(message);
  }

  putAsked(records: readonly AskedRecord[]): void {
    for (const r of records) this.askedChanges.set(r.questionId, r);
  }

  putVerdict(analysis: Analysis, report: VerdictRecord["report"], fingerprint: string): void {
    this.verdictRecord = {
      eventId: this.eventId,
      at: this.iso,
      report,
      facts: analysis.facts,
      fingerprint,
    };
  }

  putHandoff(handoff: HandoffRecord): void {
    this.handoff = handoff;
    this.handoffChanged = true;
  }

  cancelTimers(): void {
    this.cancel = true;
    this.timers.length = 0;
  }

  schedule(kind: TimerKind, dueAt: Date): void {
    const same = this.timers.findIndex((t) => t.kind === kind);
    if (same >= 0) this.timers.splice(same, 1);
    this.timers.push({
      id: `${this.eventId}:${kind}`,
      threadKey: this.thread.key,
      kind,
      dueAt: dueAt.toISOString(),
      createdAt: this.iso,
    });
  }

  /** Timers that will be pending after this event commits. */
  get pendingTimers(): TimerRecord[] {
    return [...(this.cancel ? [] : (this.snapshot?.pendingTimers ?? [])), ...this.timers];
  }

  finish(): Decision {
    const change: ThreadChange = {
      eventId: this.eventId,
      eventKind: this.eventKind,
      expectedVersion: this.snapshot?.thread.version ?? null,
      thread: { ...this.thread, version: (this.snapshot?.thread.version ?? 0) + 1 },
      actions: this.records,
      ...(this.message ? { message: this.message } : {}),
      ...(this.verdictRecord ? { verdict: this.verdictRecord } : {}),
      ...(this.askedChanges.size > 0 ? { asked: [...this.askedChanges.values()] } : {}),
      ...(this.cancel ? { cancelTimers: true } : {}),
      ...(this.timers.length > 0 ? { addTimers: this.timers } : {}),
      ...(this.firedTimerId ? { firedTimerId: this.firedTimerId } : {}),
      ...(this.handoffChanged && this.handoff ? { handoff: this.handoff } : {}),
      ...(this.resolution ? { resolution: this.resolution } : {}),
      ...(this.issueReport ? { issueReport: this.issueReport } : {}),
    };
    return { change, actions: this.actions };
  }
}
