import { createConversation } from "../../src/conversation/engine.js";
import type { Knowledge } from "../../src/knowledge/knowledge.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";

/**
 * Analyses one rate-limit paste in a throwaway in-memory conversation, before the kill tests'
 * go-ahead: the first analysis in a process compiles every pattern (hundreds of milliseconds),
 * and a warm process should spend its armed life on the steps under test, not on that.
 */
export async function warmUp(kb: Knowledge): Promise<void> {
  const store = openSqliteStore(":memory:");
  const engine = createConversation({ store, kb });
  for (const n of [1, 2])
    await engine.receive({
      platform: "discord",
      threadKey: `discord:warm-up-${n}`,
      eventId: `warm-up-${n}`,
      messageId: `warm-up-${n}`,
      kind: "message",
      author: { id: "warm-up", name: "warm-up", isBot: false, isStaff: false },
      text: WARM_UP_PASTE,
      attachments: [],
      at: new Date(),
      title: "429",
      mentionsBot: false,
      url: "",
    });
  await store.close();
}

const WARM_UP_PASTE = `{"error":{"code":429,"message":"Quota exceeded for metric: generate_content_free_tier_input_token_count, limit: 250000, model: gemini-2.5-flash","status":"RESOURCE_EXHAUSTED"}}
RateLimitError: 429 Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 26411, Requested 6230.`;
