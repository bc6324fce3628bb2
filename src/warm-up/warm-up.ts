import { performance } from "node:perf_hooks";
import { createConversation } from "../conversation/engine.js";
import type { IncomingEvent } from "../conversation/port.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { openSqliteStore } from "../store/sqlite/open.js";

/**
 * Posts of the kinds a help thread opens with: a provider's error body, a tool's log line, words.
 * Each path through the engine (parsers, rules, replies in a language) runs once before the bot
 * takes traffic, so the first events after a start are not decided by cold code.
 */
const SAMPLE_POSTS = [
  'Getting 429 {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}} with gemini-2.5-flash on the free tier',
  "RateLimitError: 429 Rate limit reached for gpt-4o in organization org-SAMPLE on tokens per min (TPM): Limit 30000, Used 26411, Requested 6230. Please try again in 5.282s.",
  "HTTP/1.1 429 Too Many Requests\nretry-after: 20\nx-ratelimit-remaining-requests: 0",
  "openclaw 2026.9.6, anthropic claude sonnet, the agent stops after a few tool calls with rate_limit_error but the console says I am at 22% of my quota",
  "Bonjour, j'ai une erreur 429 depuis ce matin avec mon agent, c'est un bug ?",
];

export interface WarmUp {
  ms: number;
  /** Sample posts that were answered with a reply (all of them, or the warm-up missed its path). */
  replied: number;
  posts: number;
}

const AUTHOR = { id: "warm-up", name: "warm-up", isBot: false, isStaff: false };

/**
 * Decides the sample posts in throwaway threads of an in-memory store (nothing is stored or
 * sent), twice each. `npm start` runs it before the platforms connect: a restart under load
 * then answers its first acks at full speed.
 */
export async function warmUp(kb: Knowledge, rounds = 2): Promise<WarmUp> {
  const started = performance.now();
  const store = openSqliteStore(":memory:");
  try {
    const conversation = createConversation({ store, kb });
    let n = 0;
    let replied = 0;
    for (let round = 0; round < rounds; round++) {
      for (const [i, text] of SAMPLE_POSTS.entries()) {
        n++;
        const event: IncomingEvent = {
          platform: "slack",
          threadKey: `slack:warm-up:${round}-${i}`,
          eventId: `warm-up-${n}`,
          messageId: `warm-up-${n}`,
          kind: "message",
          author: AUTHOR,
          text,
          attachments: [],
          at: new Date(),
        };
        const actions = await conversation.receive(event);
        if (actions.some((a) => a.type === "reply")) replied++;
      }
    }
    return { ms: performance.now() - started, replied, posts: n };
  } finally {
    await store.close();
  }
}

/**
 * The main thread's share when the engine thread decides: it still redacts every event before
 * recording it (the ack path), so the secret rules run once on the sample posts before the first
 * request, instead of compiling and warming on a real one. Returns the milliseconds it took.
 */
export function warmUpRedaction(redact: (text: string) => unknown, rounds = 2): number {
  const started = performance.now();
  for (let round = 0; round < rounds; round++) for (const text of SAMPLE_POSTS) redact(text);
  return performance.now() - started;
}
