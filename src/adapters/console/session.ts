import type { Author, IncomingEvent } from "../../conversation/port.js";
import type { Store } from "../../store/store.js";
import type { SpeakerRole } from "./console-command.js";

/** IncomingEvent with its time as a string, as it is kept between runs. */
export type StoredEvent = Omit<IncomingEvent, "at"> & { at: string };

/**
 * The console's own state, kept in the store so a restarted console resumes the same thread,
 * speaker and fake clock, and never reuses a message id (a reused id would look redelivered).
 */
export interface ConsoleSession {
  threadNumber: number;
  speaker: { role: SpeakerRole; name: string };
  /** The current thread's reporter (its first speaker). */
  reporterName: string;
  threadHasMessages: boolean;
  pendingTitle: string | null;
  offsetMs: number;
  /** Counter behind message, edit and command ids. */
  nextId: number;
  /** Each author's last message in the current thread, for /edit. */
  lastOwn: Record<string, string>;
  editNext: boolean;
  lastEvent: StoredEvent | null;
}

const KEY = "console.session";

export const DEFAULT_NAMES: Record<SpeakerRole, string> = {
  reporter: "alice",
  community: "bob",
  staff: "sam",
};

export function freshSession(): ConsoleSession {
  return {
    threadNumber: 1,
    speaker: { role: "reporter", name: DEFAULT_NAMES.reporter },
    reporterName: DEFAULT_NAMES.reporter,
    threadHasMessages: false,
    pendingTitle: null,
    offsetMs: 0,
    nextId: 1,
    lastOwn: {},
    editNext: false,
    lastEvent: null,
  };
}

export async function loadSession(
  store: Store,
): Promise<{ session: ConsoleSession; resumed: boolean }> {
  const saved = await store.getSetting<ConsoleSession>(KEY);
  return saved
    ? { session: { ...freshSession(), ...saved }, resumed: true }
    : { session: freshSession(), resumed: false };
}

export function saveSession(store: Store, session: ConsoleSession): Promise<void> {
  return store.setSetting(KEY, session);
}

export function threadKeyOf(session: ConsoleSession): string {
  return `console:${session.threadNumber}`;
}

export function speakerAuthor(session: ConsoleSession): Author {
  const { role, name } = session.speaker;
  return { id: `console:${name}`, name, isBot: false, isStaff: role === "staff" };
}

/** Takes the next id; the caller saves the session before using it, so a crash cannot reuse it. */
export function nextId(session: ConsoleSession): number {
  const id = session.nextId;
  session.nextId += 1;
  return id;
}

export function toStoredEvent(event: IncomingEvent): StoredEvent {
  return { ...event, at: event.at.toISOString() };
}

export function fromStoredEvent(event: StoredEvent): IncomingEvent {
  return { ...event, at: new Date(event.at) };
}
