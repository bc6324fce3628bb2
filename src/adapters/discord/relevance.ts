/**
 * Whether a new post is about a rate limit, so the bot only answers those in watched channels
 * (DISCORD_TRIAGE_ALL turns this off). Deliberately broad: a false positive costs one reply the
 * user can ignore; a miss leaves someone unanswered. This is a gate, not a diagnosis.
 */
const RATE_LIMIT =
  /\b(?:429|529)\b|rate[\s_-]?limit|too many requests|resource[\s_]?exhausted|quota|throttl|\b(?:[RT]PM|[RT]PD|ITPM|OTPM)\b|tokens per (?:minute|day)|requests per (?:minute|day)|overloaded|retry[\s-]?after|cooldown/i;

/** A file the bot reads is evidence enough (a trace or log shared without words). */
export const READABLE_FILE = /\.(?:jsonl|log|txt|json|gz)$/i;

export function looksLikeRateLimit(text: string, fileNames: readonly string[] = []): boolean {
  return RATE_LIMIT.test(text) || fileNames.some((name) => READABLE_FILE.test(name));
}
