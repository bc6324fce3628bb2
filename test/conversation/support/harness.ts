import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { AnalyzeThread } from "../../../src/conversation/context.js";
import { createConversation } from "../../../src/conversation/engine.js";
import type { IncidentDeps } from "../../../src/conversation/incidents/watch.js";
import type { IssueDeps } from "../../../src/conversation/issue.js";
import type { ConversationPolicy } from "../../../src/conversation/policy.js";
import type {
  Action,
  Author,
  CommandName,
  ConversationPort,
  IncomingEvent,
} from "../../../src/conversation/port.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { openSqliteStore } from "../../../src/store/sqlite/open.js";
import type { SqliteStore } from "../../../src/store/sqlite/sqlite-store.js";
import { fixturePath } from "../../helpers/fixtures.js";

export const kb = loadKnowledge();
export const START = new Date("2026-05-01T12:00:00Z");
export const HOUR = 3_600_000;

export const alice: Author = { id: "u-alice", name: "alice", isBot: false, isStaff: false };
export const bob: Author = { id: "u-bob", name: "bob", isBot: false, isStaff: false };
export const carol: Author = { id: "u-carol", name: "carol", isBot: false, isStaff: false };
export const sam: Author = { id: "u-sam", name: "sam", isBot: false, isStaff: true };
export const otherBot: Author = { id: "u-bot", name: "helperbot", isBot: true, isStaff: false };

export function conversationFixture(name: string): string {
  return readFileSync(fixturePath("conversation", name), "utf8");
}

/**
 * An engine on a real SQLite file in a temp dir, a fake clock, and helpers that speak as users.
 * Every call records the actions it got back, so a test can read the whole exchange.
 */
export class Harness {
  readonly dir = mkdtempSync(join(tmpdir(), "rlt-conv-"));
  readonly path = join(this.dir, "data", "bot.db");
  store: SqliteStore;
  port: ConversationPort;
  now = START.getTime();
  private n = 0;
  threadKey = "console:t1";

  constructor(
    private readonly policy: Partial<ConversationPolicy> = {},
    /** Issue settings for the engine, given the store (for its SQLite issue ledger). */
    private readonly issues?: (store: SqliteStore) => IssueDeps,
    /** Incident watching for the engine, given the store. */
    private readonly incidents?: (store: SqliteStore) => IncidentDeps,
    /** The thread analysis the engine runs (core's unless given). */
    private readonly analyze?: AnalyzeThread,
  ) {
    this.store = openSqliteStore(this.path);
    this.port = this.makePort();
  }

  private makePort(): ConversationPort {
    return createConversation({
      store: this.store,
      kb,
      policy: this.policy,
      clock: () => new Date(this.now),
      ...(this.issues ? { issues: this.issues(this.store) } : {}),
      ...(this.incidents ? { incidents: this.incidents(this.store) } : {}),
      ...(this.analyze ? { analyze: this.analyze } : {}),
    });
  }

  advance(hours: number): void {
    this.now += hours * HOUR;
  }

  event(author: Author, text: string, extra: Partial<IncomingEvent> = {}): IncomingEvent {
    this.n += 1;
    const messageId = extra.messageId ?? `m${this.n}`;
    return {
      platform: "console",
      threadKey: this.threadKey,
      eventId: `${this.threadKey}:${messageId}${extra.kind === "edit" ? `@${this.n}` : ""}`,
      messageId,
      kind: "message",
      author,
      text,
      attachments: [],
      at: new Date(this.now),
      ...extra,
    };
  }

  /** Posts a message and reports every action back as sent, like an adapter would. */
  async say(author: Author, text: string, extra: Partial<IncomingEvent> = {}): Promise<Action[]> {
    return this.deliver(await this.port.receive(this.event(author, text, extra)));
  }

  async command(author: Author, name: CommandName, argument?: string): Promise<Action[]> {
    this.n += 1;
    return this.deliver(
      await this.port.command({
        platform: "console",
        threadKey: this.threadKey,
        eventId: `${this.threadKey}:c${this.n}`,
        name,
        author,
        at: new Date(this.now),
        ...(argument ? { argument } : {}),
      }),
    );
  }

  async tick(): Promise<Action[]> {
    return this.deliver(await this.port.tick(new Date(this.now)));
  }

  async deliver(actions: Action[]): Promise<Action[]> {
    for (const action of actions) {
      if (action.type === "state") continue;
      const key = action.type === "handoff_card" ? action.card.threadKey : action.threadKey;
      const id = ("replaces" in action && action.replaces) || `sent:${action.id}`;
      await this.port.recordSent(key, action, id);
    }
    return actions;
  }

  async state(): Promise<string | undefined> {
    return (await this.store.loadThread(this.threadKey))?.thread.state;
  }

  /** A second engine on the same file: what a restarted process sees. */
  async restart(): Promise<void> {
    await this.store.close();
    this.store = openSqliteStore(this.path);
    this.port = this.makePort();
  }

  /** Direct SQL for assertions about what is on disk. */
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(this.path, { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  async close(): Promise<void> {
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const texts = (actions: readonly Action[]): string =>
  actions.map((a) => ("text" in a ? a.text : "")).join("\n");

export const ofType = <T extends Action["type"]>(actions: readonly Action[], type: T) =>
  actions.filter((a): a is Extract<Action, { type: T }> => a.type === type);

export const notices = (actions: readonly Action[], reason: string) =>
  ofType(actions, "notice").filter((a) => a.reason === reason);
