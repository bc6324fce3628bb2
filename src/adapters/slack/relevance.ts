/**
 * Whether a new top-level message is about a rate limit, so the bot only opens threads on those
 * (SLACK_TRIAGE_ALL turns this off). Deliberately broad: a false positive costs one reply the
 * user can ignore; a miss leaves someone unanswered.
 */
const RATE_LIMIT =
  /\b(?:429|529)\b|rate[\s_-]?limit|too many requests|resource[\s_]?exhausted|quota|throttl|\b(?:[RT]PM|[RT]PD|ITPM|OTPM)\b|tokens per (?:minute|day)|requests per (?:minute|day)|overloaded|retry[\s-]?after|cooldown/i;

/** A file worth reading is evidence enough (a trace or log shared without words). */
const TRACE_FILE = /\.(?:jsonl|log|txt|json|gz)$/i;

export function looksLikeRateLimit(text: string, fileNames: readonly string[] = []): boolean {
  return RATE_LIMIT.test(text) || fileNames.some((name) => TRACE_FILE.test(name));
}
