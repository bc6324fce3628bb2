/**
 * The steps between an event's arrival and its recorded delivery where the kill tests stop the
 * bot: before the event is stored, after it is stored (before Slack is answered), after a
 * delivery attempt is counted, after Slack took the message (before its ts is stored), after.
 */
export const KILL_STEPS = ["received", "committed", "begun", "posted", "recorded"] as const;
export type KillStep = (typeof KILL_STEPS)[number];
