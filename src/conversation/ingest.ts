import { redact } from "../core/redact/redact.js";
import type { Redaction } from "../core/redact/types.js";
import type { AuthorRole, Thread } from "../core/thread.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { MessageRecord, StoredAttachment } from "../store/records.js";
import type { IncomingEvent } from "./port.js";

/**
 * The choke point for incoming text: message and attachments are redacted before anything is
 * kept, so the store, the engine's memory and every later reply only ever see markers.
 */
export function ingestMessage(
  event: IncomingEvent,
  role: AuthorRole,
  seq: number,
  kb: Knowledge,
  previous?: MessageRecord,
): MessageRecord {
  const redactions: Redaction[] = [];
  const body = redact(event.text, kb.secretRules);
  redactions.push(...body.redactions);
  const attachments: StoredAttachment[] = event.attachments.map((a) => {
    const content = redact(a.content, kb.secretRules);
    redactions.push(...content.redactions);
    return { name: a.name, content: content.text, ...(a.note ? { note: a.note } : {}) };
  });
  const at = event.at.toISOString();
  return {
    threadKey: event.threadKey,
    messageId: event.messageId,
    seq: previous?.seq ?? seq,
    authorId: event.author.id,
    authorName: event.author.name,
    role: previous?.role ?? role,
    text: body.text,
    attachments,
    redactions,
    at: previous?.at ?? at,
    editedAt: event.kind === "edit" ? at : null,
  };
}

/** The engine's view of the stored thread: redacted messages in order, bots left out. */
export function toThread(title: string | null, messages: readonly MessageRecord[]): Thread {
  return {
    ...(title ? { title } : {}),
    messages: messages
      .filter((m) => m.role !== "bot")
      .map((m) => ({
        id: m.messageId,
        author: m.authorName,
        role: m.role,
        content: m.text,
        attachments: m.attachments.map((a) => ({
          name: a.name,
          content: a.content,
          ...(a.note ? { note: a.note } : {}),
        })),
        at: m.at,
      })),
  };
}
