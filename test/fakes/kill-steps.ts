/**
 * The steps between an event's arrival and its recorded delivery where the kill tests stop the
 * bot (Slack and Discord): before the event is decided (on Slack: recorded in the inbox and acked
 * already), after its decision is stored, after a delivery attempt is counted, after the platform
 * took the message (before its id is stored), after.
 */
export const KILL_STEPS = ["received", "committed", "begun", "posted", "recorded"] as const;
export type KillStep = (typeof KILL_STEPS)[number];
