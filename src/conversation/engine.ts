import type { Knowledge } from "../knowledge/knowledge.js";
import type { IssueTracker } from "../model/issue-tracker.js";
import type { ThreadSnapshot } from "../store/records.js";
import { type Store, StoreConflictError } from "../store/store.js";
import type { DecideContext } from "./context.js";
import type { Decision } from "./draft.js";
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

/** How often a decision is retried when another writer changed the thread in between. */
const MAX_ATTEMPTS = 3;

/**
 * The conversation engine behind the port: loads the thread, decides (pure), commits all of
 * the event's writes at once, and returns the actions. A redelivered event (same id) returns no
 * actions, so it never produces a second reply.
 */
export function createConversation(deps: ConversationDeps): ConversationPort {
  const { store } = deps;
  const ctx: DecideContext = {
    kb: deps.kb,
    policy: { ...DEFAULT_POLICY, ...deps.policy },
    issues: issueSettings({
      ...deps.issues,
      ...(deps.issueFiler !== undefined ? { filer: deps.issueFiler } : {}),
    }),
  };
  const clock = deps.clock ?? (() => new Date());
  const queue = new KeyedQueue();

  async function decideAndCommit(
    threadKey: string,
    eventId: string,
    decide: (
      snapshot: ThreadSnapshot | null,
    ) => Decision | Action[] | null | Promise<Decision | Action[] | null>,
  ): Promise<Action[]> {
    return queue.run(threadKey, async () => {
      if (await store.hasEvent(eventId)) return [];
      for (let attempt = 1; ; attempt++) {
        const decision = await decide(await store.loadThread(threadKey));
        if (decision === null) return [];
        if (Array.isArray(decision)) return decision;
        try {
          const result = await store.commit(decision.change);
          return result === "duplicate" ? [] : decision.actions;
        } catch (error) {
          if (!(error instanceof StoreConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    });
  }

  return {
    outbox: store.outbox,
    watches: (threadKey) => store.watches(threadKey),
    openThreads: (prefix) => store.openThreads(prefix),
    knows: (eventId) => store.hasEvent(eventId),
    receive(event: IncomingEvent) {
      return decideAndCommit(event.threadKey, event.eventId, (snapshot) =>
        decideMessage(snapshot, event, ctx),
      );
    },
    command(command: IncomingCommand) {
      return decideAndCommit(command.threadKey, command.eventId, async (snapshot) => {
        const decision =
          command.name === "issue" || command.name === "issue_confirm"
            ? await decideIssueCommand(snapshot, command, ctx)
            : decideCommand(snapshot, command, ctx);
        return command.name === "diagnose" ? answerOnlyTheAsker(decision) : decision;
      });
    },
    async tick(now: Date) {
      const actions: Action[] = [];
      for (const timer of await store.dueTimers(now)) {
        const fired = await decideAndCommit(timer.threadKey, `timer:${timer.id}`, (snapshot) =>
          snapshot ? decideTimer(snapshot, timer, now, ctx) : null,
        );
        actions.push(...fired);
      }
      return actions;
    },
    async recordSent(threadKey: string, action: Action, platformMessageId: string) {
      const at = clock();
      const found = action.id ? await store.recordSent(action.id, platformMessageId, at) : false;
      if (!found) await store.recordSentLatest(threadKey, action.type, platformMessageId, at);
    },
  };
}
