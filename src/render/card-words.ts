/**
 * The labels of the staff card on Discord and Slack. English here; the card carries its
 * language's (`words`, from `card` in data/i18n/<lang>.json) and a stored card from before has none.
 */
export const CARD_WORDS = {
  handoff: "Handoff",
  helpThread: "Help thread",
  thread: "Thread",
  state: "State",
  assignee: "Assignee",
  unclaimed: "unclaimed",
  verdict: "Verdict",
  providerModel: "Provider / model",
  class: "Class",
  confidence: "confidence",
  asked: "Asked",
  suggested: "Suggested",
  secretsRemoved: "Secrets removed",
  githubIssue: "GitHub issue",
  filedAs: "filed as",
  evidenceAddedTo: "evidence added to",
  notFiledYet: "not filed yet",
  openForm: "open the pre-filled form",
  orRunIssue: "or run /issue",
  runIssue: "run /issue for the pre-filled form",
  issue: "Issue",
  issueForm: "Issue form",
  claim: "Claim",
  claimed: "Claimed",
  backToBot: "Back to bot",
  openThread: "Open thread",
  why: "Why",
  reporter: "Reporter",
  alsoAffected: "Also affected",
  messages: "Messages",
  fromReporter: "reporter",
  fromCommunity: "community",
  fromStaff: "staff",
  cardCut: "Card cut to fit Slack.",
  reason_requested: "the user asked for a human",
  reason_low_confidence: "the bot is not confident",
  reason_staff_reply: "staff replied in the thread",
  reason_command: "handed off by command",
  reason_claimed: "claimed by staff",
  state_new: "new",
  state_awaiting_user: "awaiting the user",
  state_diagnosed: "diagnosed",
  state_handed_off: "handed off",
  state_solved: "solved",
  state_closed_stale: "closed (stale)",
} as const;

export type CardWord = keyof typeof CARD_WORDS;

/** A label of the card in its language, English when the card has none for it. */
export function cardWord(card: { words?: Record<string, string> }, key: CardWord): string {
  return card.words?.[key] ?? CARD_WORDS[key];
}
