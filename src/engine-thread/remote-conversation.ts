import type { ConversationPort } from "../conversation/port.js";
import type { EngineThread } from "./engine-thread.js";

/**
 * The port adapters are given when decisions run on the engine thread: receiving, commands,
 * timers and incident answers go to the thread; reads and records that are one quick statement
 * (the inbox, the outbox, `knows`, `watches`, `recordSent`, redaction) stay on the caller's own
 * store connection, where a round trip to a busy thread would only add waiting.
 */
export function remoteConversation(
  local: ConversationPort,
  engine: EngineThread,
): ConversationPort {
  return {
    outbox: local.outbox,
    inbox: local.inbox,
    redact: (text) => local.redact(text),
    watches: (threadKey) => local.watches(threadKey),
    openThreads: (prefix) => local.openThreads(prefix),
    knows: (eventId) => local.knows(eventId),
    recordSent: (threadKey, action, id) => local.recordSent(threadKey, action, id),
    receive: (event) => engine.call("receive", event),
    command: (command) => engine.call("command", command),
    tick: (now) => engine.call("tick", now),
    ...(local.incidents ? { incidents: () => engine.call("incidents") } : {}),
    ...(local.trackIncident ? { trackIncident: (id) => engine.call("trackIncident", id) } : {}),
  };
}
