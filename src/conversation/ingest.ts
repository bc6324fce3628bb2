import { redactionOf } from "../core/redact/apply-spans.js";
import { findSecrets } from "../core/redact/find-secrets.js";
import { redact } from "../core/redact/redact.js";
import type { RedactedText, Redaction } from "../core/redact/types.js";
import type { AuthorRole, Thread } from "../core/thread.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { MessageRecord, StoredAttachment } from "../store/records.js";
import type { IncomingEvent } from "./port.js";

export interface IngestedTitle {
  title: RedactedText | null;
  /** Secrets of the title that the message itself does not hold, for the same notice. */
  redactions: Redaction[];
}

/**
 * A new thread's title goes through the same choke point as its first message: a forum title is
 * public, so a key in it needs rotating as much as one in the body. Slack titles are the body's
 * first line, so a secret the body also holds is told about once, with the body's.
 */
export function ingestTitle(event: IncomingEvent, kb: Knowledge): IngestedTitle {
  if (!event.title) return { title: null, redactions: [] };
  const title = event.title;
  const { text } = redact(title, kb.secretRules);
  const redactions = findSecrets(title, kb.secretRules)
    .filter((span) => !event.text.includes(title.slice(span.start, span.end)))
    .map((span) => redactionOf(span, title));
  return { title: text, redactions };
}

/**
 * The choke point for incoming text: message, attachments (their names too) and, for a new
 * thread, the title's secrets are redacted before anything is kept, so the store, the engine's
 * memory and every later reply only ever see markers, and one notice names them all.
 */
export function ingestMessage(
  event: IncomingEvent,
  role: AuthorRole,
  seq: number,
  kb: Knowledge,
  previous?: MessageRecord,
  titleRedactions: readonly Redaction[] = [],
): MessageRecord {
  const redactions: Redaction[] = [...titleRedactions, ...(event.redactions ?? [])];
  const body = redact(event.text, kb.secretRules);
  redactions.push(...body.redactions);
  const attachments: StoredAttachment[] = event.attachments.map((a) => {
    const name = redact(a.name, kb.secretRules);
    const content = redact(a.content, kb.secretRules);
    redactions.push(...name.redactions, ...content.redactions);
    return { name: name.text, content: content.text, ...(a.note ? { note: a.note } : {}) };
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
