import Mustache from "mustache";

/**
 * What a platform shows around the reply's text (Discord's verdict embed, Slack's footer, the
 * reply's buttons). English here; a reply in another language carries its words (`platform` in
 * data/i18n/<lang>.json) and a stored reply from before has none.
 */
export const REPLY_WORDS = {
  class: "Class",
  provider: "Provider",
  model: "Model",
  retry: "Retry",
  confidence: "Confidence",
  stillNeeded: "Still needed",
  diagnosis: "Diagnosis: {{title}}",
  notDecided: "Not decided yet",
  incidentTitle: "Incident: {{explanation}}",
  evidenceAlone: "Evidence alone",
  unknown: "unknown",
  retryAfter: "yes, after {{seconds}} s",
  retryBackoff: "yes, with backoff",
  noResets: "no, resets {{at}}",
  no: "no",
  secretRead: "1 secret removed from what I read",
  secretsRead: "{{n}} secrets removed from what I read",
  footerUndecided: "class not decided yet",
  footerClass: "class",
  footerConfidence: "confidence",
  retryable: "retryable",
  notRetryable: "not retryable",
  secretsRemoved: "{{n}} secret(s) removed",
  pasteDetails: "Paste details",
  handOffHuman: "Hand off to a human",
  handOff: "Hand off",
  markSolved: "Mark solved",
  draftIssue: "Draft GitHub issue",
  replyCut: "The reply was cut to fit Slack; “Draft GitHub issue” has all of it.",
} as const;

export type ReplyWord = keyof typeof REPLY_WORDS;

/** One of them in the reply's language (English when it has none), filled in. */
export function replyWord(
  words: Readonly<Record<string, string>> | undefined,
  key: ReplyWord,
  view: object = {},
): string {
  const text = words?.[key] ?? REPLY_WORDS[key];
  return Mustache.render(text, view, {}, { escape: (v: unknown) => String(v) });
}
