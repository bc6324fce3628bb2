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
}

export const DEFAULT_POLICY: ConversationPolicy = {
  nudgeAfterHours: 24,
  closeAfterHours: 48,
  lowConfidenceRounds: 2,
};

export const HOUR_MS = 3_600_000;
