/** A Discord help thread's key: the thread (or forum post) channel id. */
export const threadKey = (threadId: string): string => `discord:${threadId}`;

/** The thread id inside a key, or null when the key belongs to another platform. */
export function threadIdOf(key: string): string | null {
  return key.startsWith("discord:") ? key.slice("discord:".length) : null;
}
