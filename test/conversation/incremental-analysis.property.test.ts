import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnalyzeThread } from "../../src/conversation/context.js";
import { createConversation } from "../../src/conversation/engine.js";
import type { Author } from "../../src/conversation/port.js";
import { analyze } from "../../src/core/analyze.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import { content } from "../helpers/thread-fragments.js";
import { alice, bob, kb, START, sam } from "./support/harness.js";

const SEED = 20261204;

/** One event of a random thread: who, what, how long after the previous one, and whether it edits. */
const event = fc.record({
  author: fc.constantFrom<Author>(alice, alice, bob, sam),
  text: content,
  attachment: fc.option(content, { nil: undefined }),
  afterMs: fc.integer({ min: 0, max: 2 * 86_400_000 }),
  /** Edits an earlier message (by index, modulo the messages so far) instead of adding one. */
  edits: fc.option(fc.nat(), { freq: 4, nil: undefined }),
});

describe("the engine's incremental analysis", () => {
  it("equals a full re-analysis of the thread, event after event, over random threads", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 8 }), async (events) => {
        let analyses = 0;
        // The engine's analysis (evidence cache and all), checked against reading everything again.
        const checked: AnalyzeThread = (thread, kbIn, now, extractors, cache, incidents) => {
          const incremental = analyze(thread, kbIn, now, extractors, cache, incidents);
          expect(incremental).toEqual(analyze(thread, kbIn, now, extractors, undefined, incidents));
          analyses++;
          return incremental;
        };
        const store = openSqliteStore(":memory:");
        const port = createConversation({ store, kb, analyze: checked });
        let at = START.getTime();
        const ids: string[] = [];
        try {
          for (const [n, e] of events.entries()) {
            at += e.afterMs;
            const edited = e.edits !== undefined && ids.length > 0;
            const messageId = edited ? (ids[(e.edits ?? 0) % ids.length] ?? "m0") : `m${n}`;
            if (!edited) ids.push(messageId);
            await port.receive({
              platform: "console",
              threadKey: "console:random",
              eventId: `e${n}`,
              messageId,
              kind: edited ? "edit" : "message",
              author: e.author,
              text: e.text,
              attachments: e.attachment ? [{ name: "log.txt", content: e.attachment }] : [],
              at: new Date(at),
            });
          }
        } finally {
          await store.close();
        }
        expect(analyses).toBeGreaterThanOrEqual(events.length);
      }),
      { seed: SEED, numRuns: 40 },
    );
  });
});
