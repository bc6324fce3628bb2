/** The knobs of the conversation lifecycle; hours come from config (STALE_NUDGE_HOURS, STALE_CLOSE_HOURS). */
export interface ConversationPolicy {
  /** Hours of silence from the user, while the bot waits on them, before a nudge. */
  nudgeAfterHours: number;
  /** Hours after the nudge before the thread is closed as stale, with a summary. */
  closeAfterHours: number;
  /**
   * Consecutive reporter messages after which the class is still unknown with nothing left to
   * ask before the bot hands the thread to humans. Two: the first such reply offers the next
   * experiment, the second means the bot has run out of ways to narrow it down.
   */
  lowConfidenceRounds: number;
  /** Reply languages forced by configuration (REPLY_LANGUAGE); otherwise the thread's own. */
  replyLanguages?: ReplyLanguages;
}

/** A language for every thread, and per channel: `REPLY_LANGUAGE=es` or `C0123=es,C0456=de,*=en`. */
export interface ReplyLanguages {
  all: string | null;
  byChannel: Record<string, string>;
}

/**
 * The language forced for a thread: its channel's (the channel the thread was seen in, a Discord
 * thread's forum or text channel; else the parts of the key, "slack:<channel>:<ts>"), else the
 * one for all.
 */
export function forcedLanguage(
  policy: ConversationPolicy,
  threadKey: string,
  channel?: string | null,
): string | null {
  const langs = policy.replyLanguages;
  if (!langs) return null;
  const ids = [...(channel ? [channel] : []), ...threadKey.split(":")];
  const id = ids.find((p) => langs.byChannel[p] !== undefined);
  return (id ? langs.byChannel[id] : undefined) ?? langs.all;
}

export const DEFAULT_POLICY: ConversationPolicy = {
  nudgeAfterHours: 24,
  closeAfterHours: 48,
  lowConfidenceRounds: 2,
};

export const HOUR_MS = 3_600_000;
