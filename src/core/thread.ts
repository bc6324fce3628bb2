/** Who wrote a message; staff replies hand a thread to humans, the bot's own are ignored. */
export type AuthorRole = "reporter" | "community" | "staff" | "bot";

export interface Attachment {
  name: string;
  /** Text content (already decoded and size-capped by the caller). */
  content: string;
  /** Set by the caller when the content was cut or could not be decoded. */
  note?: string;
}

export interface ThreadMessage {
  id?: string;
  author?: string;
  role?: AuthorRole;
  content: string;
  attachments?: Attachment[];
  /** ISO time the message was posted, when known. */
  at?: string;
}

/** One help thread, messages oldest first. */
export interface Thread {
  title?: string;
  messages: ThreadMessage[];
}
