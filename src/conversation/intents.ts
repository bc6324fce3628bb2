/** What a short conversational message asks for, beyond the evidence it may hold. */
export type Intent = "handoff" | "solved" | "thanks";

/** Intents are read from prose: code blocks are evidence, not requests. */
function prose(text: string): string {
  return text.replace(/```[\s\S]*?(?:```|$)/g, " ").replace(/`[^`\n]*`/g, " ");
}

const NEGATED = /\b(?:not|no longer|never|still|but|unsolved|unfortunately)\b|n't\b|n’t\b|\?\s*$/i;

const SOLVED: readonly RegExp[] = [
  /^\s*solved\b/i,
  /\b(?:that|this|it|everything)(?:'s| is| has been| got)? (?:fixed|solved|resolved|sorted)\b/i,
  /\b(?:it|that|this|everything) works?(?: now| again| fine now)?\s*(?:[.!]|$)/i,
  /\b(?:works|working) (?:now|again)\b/i,
  /\b(?:fixed|solved|resolved|sorted) it\b/i,
  /\bthat did (?:it|the trick)\b/i,
  /\b(?:that|this|it|the [\w .-]{1,40}) (?:worked|did the trick|fixed it)\s*(?:[.!]|$)/i,
  /\bproblem (?:is )?(?:solved|resolved|gone)\b/i,
];

const HANDOFF: readonly RegExp[] = [
  /^\s*(?:a\s+)?(?:human|person|staff)(?:\s+please)?\s*[.!?]*\s*$/i,
  /\b(?:talk|speak|chat) (?:to|with) (?:a |an |the )?(?:human|person|someone|somebody|staff|support|maintainers?|real person|team)\b/i,
  /\b(?:need|want|get me|get) (?:a |an )?(?:human|real person|staff member|maintainer)\b/i,
  /\bescalate\b/i,
];

const THANKS = /^\s*(?:thanks|thank you|thx|ty|cheers|much appreciated)\b[^?\n]{0,80}$/i;

/** Solved and thanks are short replies; a long paste that happens to say "works now" is evidence. */
const MAX_SHORT = 280;

/**
 * The reporter's intent, if any: asking for a human wins over everything, "it works now" means
 * solved unless negated ("still not working", "works but…"), a bare thank-you is neither.
 */
export function detectIntent(text: string): Intent | null {
  const p = prose(text).trim();
  if (HANDOFF.some((r) => r.test(p))) return "handoff";
  if (p.length > MAX_SHORT || NEGATED.test(p)) return null;
  if (SOLVED.some((r) => r.test(p))) return "solved";
  if (THANKS.test(p)) return "thanks";
  return null;
}
