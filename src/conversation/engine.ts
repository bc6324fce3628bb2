import { performance } from "node:perf_hooks";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { EvidenceCache } from "../core/evidence/evidence-cache.js";
import { redact } from "../core/redact/redact.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { IssueTracker } from "../model/issue-tracker.js";
import type { ThreadChange, ThreadSnapshot } from "../store/records.js";
import { type Store, StoreConflictError, type TimerPage } from "../store/store.js";
import type { AnalyzeThread, DecideContext } from "./context.js";
import type { Decision } from "./draft.js";
import { createIncidentWatch, type IncidentDeps } from "./incidents/watch.js";
import { type IssueDeps, issueSettings } from "./issue.js";
import { KeyedQueue } from "./keyed-queue.js";
import { decideCommand } from "./on-command.js";
import { decideIssueCommand } from "./on-issue.js";
import { decideMessage } from "./on-message.js";
import { decideTimer } from "./on-timer.js";
import { type ConversationPolicy, DEFAULT_POLICY } from "./policy.js";
import type { Action, ConversationPort, IncomingCommand, IncomingEvent } from "./port.js";

export interface ConversationDeps {
  store: Store;
  kb: Knowledge;
  policy?: Partial<ConversationPolicy>;
  /** Time for `recordSent`; events and ticks carry their own. */
  clock?: () => Date;
  /**
   * GitHub issues: the form, the repository, and the filer, an IssueTracker such as src/github's
   * IssueFiler, injected by main (null without GITHUB_TOKEN: previews
   * carry the pre-filled link only and confirming says filing is not configured).
   */
  issues?: IssueDeps;
  /** Shorthand for `issues.filer`. */
  issueFiler?: IssueTracker | null;
  /** Clustering of verdicts across threads into incidents; off without it. */
  incidents?: IncidentDeps;
  /** The thread analysis (core's `analyze` unless given): injected to count analyses per event. */
  analyze?: AnalyzeThread;
}

/**
 * /diagnose shows the verdict to the person who asked, not the thread: its reply is carried by
 * the interaction (inline), so the outbox must not post it into the thread as well.
 */
function answerOnlyTheAsker(decision: Decision | Action[] | null): Decision | Action[] | null {
  if (decision === null || Array.isArray(decision)) return decision;
  const actions = decision.change.actions.map((a) =>
    a.type === "reply" ? { ...a, delivery: "inline" as const } : a,
  );
  return { ...decision, change: { ...decision.change, actions } };
}

/** Due timers read per query when catching up; each firing still yields on its own. */
const TICK_PAGE = 200;

/**
 * Timers can wait, replies cannot: a firing waits while events are being decided, pausing this
 * long at a time, and when events keep coming for longer than `TICK_GIVES_WAY_MS` the tick ends
 * early. The timers left stay due in the store and fire at the next tick, so after a long outage
 * the nudges are what sheds under load, never a reply (and shutdown never waits on a busy tick).
 */
const EVENT_PAUSE_MS = 10;
const TICK_GIVES_WAY_MS = 1_000;

/**
 * How often a decision is retried when another writer changed the thread in between: replicas
 * sharing a database race on one thread's bursts, each retry after a short random pause.
 */
const MAX_ATTEMPTS = 8;
const RETRY_PAUSE_MS = 25;

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * The conversation engine behind the port: loads the thread, decides (pure), commits all of
 * the event's writes at once, and returns the actions. A redelivered event (same id) returns no
 * actions, so it never produces a second reply.
 */
export function createConversation(deps: ConversationDeps): ConversationPort {
  const { store } = deps;
  const ctx: DecideContext = {
    kb: deps.kb,
    evidence: new EvidenceCache(),
    policy: { ...DEFAULT_POLICY, ...deps.policy },
    ...(deps.analyze ? { analyze: deps.analyze } : {}),
    issues: issueSettings({
      ...deps.issues,
      ...(deps.issueFiler !== undefined ? { filer: deps.issueFiler } : {}),
    }),
  };
  const clock = deps.clock ?? (() => new Date());
  const queue = new KeyedQueue();
  /** Events and commands being decided now (the replies a tick must not get ahead of). */
  let eventsInFlight = 0;

  async function asEvent<T>(work: () => Promise<T>): Promise<T> {
    eventsInFlight++;
    try {
      return await work();
    } finally {
      eventsInFlight--;
    }
  }

  /** False when events kept the engine busy too long: the tick should end and leave the rest. */
  async function eventsLetUp(): Promise<boolean> {
    const start = performance.now();
    while (eventsInFlight > 0) {
      if (performance.now() - start > TICK_GIVES_WAY_MS) return false;
      await pause(EVENT_PAUSE_MS);
    }
    return true;
  }

  type Decide = (
    snapshot: ThreadSnapshot | null,
  ) => Decision | Action[] | null | Promise<Decision | Action[] | null>;

  /** The actions of a committed decision, and the change that was committed (null: none). */
  async function commitDecision(
    threadKey: string,
    eventId: string,
    decide: Decide,
  ): Promise<{ actions: Action[]; change: ThreadChange | null }> {
    return queue.run(threadKey, async () => {
      const none = { actions: [], change: null };
      if (await store.hasEvent(eventId)) return none;
      for (let attempt = 1; ; attempt++) {
        const decision = await decide(await store.loadThread(threadKey));
        if (decision === null) return none;
        if (Array.isArray(decision)) return { actions: decision, change: null };
        try {
          const result = await store.commit(decision.change);
          return result === "duplicate"
            ? none
            : { actions: decision.actions, change: decision.change };
        } catch (error) {
          if (!(error instanceof StoreConflictError) || attempt >= MAX_ATTEMPTS) throw error;
          await pause(Math.random() * RETRY_PAUSE_MS * attempt);
        }
      }
    });
  }

  async function decideAndCommit(
    threadKey: string,
    eventId: string,
    decide: Decide,
  ): Promise<Action[]> {
    return (await commitDecision(threadKey, eventId, decide)).actions;
  }

  const incidents = deps.incidents
    ? createIncidentWatch(deps.incidents, {
        kb: deps.kb,
        policy: ctx.policy,
        loadThread: (key) => store.loadThread(key),
        commit: decideAndCommit,
      })
    : null;

  /**
   * The context one event is decided in: the incidents open at that moment, read before the
   * decision so core stays pure. A store hiccup here costs the incident's wording, not the reply.
   */
  async function contextNow(): Promise<DecideContext> {
    if (!incidents) return ctx;
    try {
      return { ...ctx, incidents: await incidents.context() };
    } catch (error) {
      deps.incidents?.onError?.(error);
      return ctx;
    }
  }

  return {
    outbox: store.outbox,
    inbox: store.inbox,
    redact: (text) => redact(text, deps.kb.secretRules),
    watches: (threadKey) => store.watches(threadKey),
    openThreads: (prefix) => store.openThreads(prefix),
    knows: (eventId) => store.hasEvent(eventId),
    receive: (event: IncomingEvent) =>
      asEvent(async () => {
        const eventCtx = await contextNow();
        const { actions, change } = await commitDecision(
          event.threadKey,
          event.eventId,
          (snapshot) => decideMessage(snapshot, event, eventCtx),
        );
        // After the thread's own commit: a crash in between loses one hit, never the reply.
        if (!incidents || !change?.verdict) return actions;
        return [...actions, ...(await incidents.observe(change))];
      }),
    ...(incidents
      ? { incidents: () => incidents.list(), trackIncident: (id?: string) => incidents.track(id) }
      : {}),
    command: (command: IncomingCommand) =>
      asEvent(async () => {
        const eventCtx = await contextNow();
        return decideAndCommit(command.threadKey, command.eventId, async (snapshot) => {
          const decision =
            command.name === "issue" || command.name === "issue_confirm"
              ? await decideIssueCommand(snapshot, command, eventCtx)
              : decideCommand(snapshot, command, eventCtx);
          return command.name === "diagnose" ? answerOnlyTheAsker(decision) : decision;
        });
      }),
    async tick(now: Date) {
      const actions: Action[] = [];
      const tickCtx = await contextNow();
      let after: TimerPage["after"];
      catchUp: for (;;) {
        const page = await store.dueTimers(now, { limit: TICK_PAGE, ...(after ? { after } : {}) });
        for (const timer of page) {
          if (!(await eventsLetUp())) break catchUp;
          const fired = await decideAndCommit(timer.threadKey, `timer:${timer.id}`, (snapshot) =>
            snapshot ? decideTimer(snapshot, timer, now, tickCtx) : null,
          );
          actions.push(...fired);
          // A day of downtime leaves thousands due: acks and deliveries run between firings.
          await yieldToEventLoop();
        }
        const last = page.at(-1);
        if (!last || page.length < TICK_PAGE) break;
        after = { dueAt: last.dueAt, id: last.id };
      }
      if (incidents) actions.push(...(await incidents.tick(now)));
      return actions;
    },
    async recordSent(threadKey: string, action: Action, platformMessageId: string) {
      const at = clock();
      const found = action.id ? await store.recordSent(action.id, platformMessageId, at) : false;
      if (!found) await store.recordSentLatest(threadKey, action.type, platformMessageId, at);
    },
  };
}
