import type { Action, Author } from "../../../src/conversation/port.js";
import type { Harness } from "./harness.js";

export const MINUTE = 60_000;

/** The n-th distinct person in an incident test. */
export const person = (n: number): Author => ({
  id: `u${n}`,
  name: `user${n}`,
  isBot: false,
  isStaff: false,
});

/** A new thread `console:<n>` by person n, `gapMinutes` after the previous event. */
export function reportIn(
  h: Harness,
  n: number,
  text: string,
  title: string,
  gapMinutes: number,
): Promise<Action[]> {
  h.threadKey = `console:${n}`;
  h.now += gapMinutes * MINUTE;
  return h.say(person(n), text, { title });
}
